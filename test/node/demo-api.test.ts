import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi } from '../../demo/api.js';

const audience = 'https://reports.example.com';
let issuer = '';
let jwksServer: Server;
let api: { url: string; close(): Promise<void> };
let privateKey: CryptoKey;
let publicJwk: Record<string, unknown>;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

const sign = (
  claims: Record<string, unknown>,
  options: { exp?: string | number; iss?: string; aud?: string } = {},
) =>
  new SignJWT({ permissions: ['read:reports'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? audience)
    .setSubject('auth0|viewer')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '10m')
    .sign(privateKey);

const call = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(`${api.url}${path}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
    },
  });

beforeAll(async () => {
  const keys = await generateKeyPair('RS256', { extractable: true });
  privateKey = keys.privateKey;
  publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, 'localhost', resolve));
  const port = (jwksServer.address() as { port: number }).port;
  issuer = `http://localhost:${port}/`;
  api = await startDemoApi({ issuer, audience });
});
afterAll(async () => {
  await api.close();
  jwksServer.close();
});

describe('demo API', () => {
  it('answers a valid token that holds the permission', async () => {
    const res = await call('/api/reports', await sign({}));
    expect(res.status).toBe(200);
    expect((await res.json()).reports.length).toBeGreaterThan(0);
  });

  it('answers 403 with the missing permission, mirroring the gated UI', async () => {
    const res = await call('/api/reports/churn', await sign({}), { method: 'DELETE' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: 'insufficient_scope',
      code: 'PERMISSION_DENIED',
      required: 'delete:reports',
    });
  });

  it('lets an editor create a report and an admin delete it', async () => {
    const created = await call('/api/reports', await sign({ permissions: ['create:reports'] }), {
      method: 'POST',
      body: JSON.stringify({ title: 'New one' }),
    });
    expect(created.status).toBe(201);
    const { report } = await created.json();
    const deleted = await call(
      `/api/reports/${report.id}`,
      await sign({ permissions: ['delete:reports'] }),
      {
        method: 'DELETE',
      },
    );
    expect(deleted.status).toBe(200);
  });

  it.each([
    ['no token', async () => undefined, 'NO_TOKEN'],
    [
      'a wrong audience',
      async () => sign({}, { aud: 'https://other.example.com' }),
      'AUDIENCE_MISMATCH',
    ],
    [
      'a wrong issuer',
      async () => sign({}, { iss: 'https://evil.example.com/' }),
      'ISSUER_MISMATCH',
    ],
    [
      'an expired exp',
      async () => sign({}, { exp: Math.floor(Date.now() / 1000) - 60 }),
      'TOKEN_EXPIRED',
    ],
    [
      'alg: none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: issuer, aud: audience, permissions: ['read:reports'], exp: 9e9 })}.`,
      'ALGORITHM_NOT_ALLOWED',
    ],
    [
      'HS256 signed with the public key (key confusion)',
      async () =>
        new SignJWT({ permissions: ['read:reports'] })
          .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
          .setIssuer(issuer)
          .setAudience(audience)
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk))),
      'ALGORITHM_NOT_ALLOWED',
    ],
    [
      'a forged signature',
      async () => {
        const [h, , s] = (await sign({})).split('.');
        return `${h}.${b64({ iss: issuer, aud: audience, permissions: ['manage:users'], exp: 9e9 })}.${s}`;
      },
      'SIGNATURE_INVALID',
    ],
  ])('rejects %s with 401, its code and fix', async (_name, make, code) => {
    const res = await call('/api/reports', await make());
    expect(res.status).toBe(401);
    const body = await res.json();
    // RFC 6750 §3.1: a request without any token gets the challenge without an error code.
    expect(body.error).toBe(code === 'NO_TOKEN' ? undefined : 'invalid_token');
    expect(body).toMatchObject({ code, fix: expect.any(String) });
  });
});
