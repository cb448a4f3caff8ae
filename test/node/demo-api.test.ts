import { type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi } from '../../demo/api.js';
import { AUDIENCE as audience, type DevTenant, startTenant } from '../support/tenant.js';
import { b64url, type SigningKey, signingKey, unsignedToken } from '../support/tokens.js';

let tenant: DevTenant;
let issuer = '';
let api: { url: string; close(): Promise<void> };
let key: SigningKey;
let publicJwk: JWK;

const sign = (
  claims: Record<string, unknown>,
  options: { exp?: string | number; iss?: string; aud?: string } = {},
) =>
  key.sign({
    permissions: ['read:reports'],
    iss: options.iss ?? issuer,
    aud: options.aud ?? audience,
    sub: 'auth0|viewer',
    iat: Math.floor(Date.now() / 1000),
    exp: typeof options.exp === 'number' ? options.exp : Math.floor(Date.now() / 1000) + 600,
    ...claims,
  });

const call = (path: string, token?: string, init: RequestInit = {}, base = api.url) =>
  fetch(`${base}${path}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
    },
  });

beforeAll(async () => {
  key = await signingKey();
  // The stand-in signs with, and publishes, the test key: its JWKS is the API's key set.
  tenant = await startTenant({ privateKey: key.privateJwk });
  issuer = tenant.issuer;
  [publicJwk] = (await (await fetch(`${tenant.url}/.well-known/jwks.json`)).json()).keys;
  api = await startDemoApi({ issuer, audience });
});
afterAll(async () => {
  await api.close();
  await tenant.close();
});

describe('the demo API key set (issue 17.11)', () => {
  it('fetches the JWKS at most twice for 50 tokens with unknown kids', async () => {
    const fresh = await startDemoApi({ issuer, audience });
    try {
      await tenant.admin.clearLog();
      for (let i = 0; i < 50; i += 1) {
        const token = unsignedToken({ iss: issuer, aud: audience }, { alg: 'RS256', kid: `k${i}` });
        const res = await call('/api/reports', token, {}, fresh.url);
        expect(res.status).toBe(401);
      }
      const fetches = await tenant.admin.log({ path: '/.well-known/jwks.json' });
      expect(fetches.length).toBeGreaterThanOrEqual(1);
      expect(fetches.length).toBeLessThanOrEqual(2);
    } finally {
      await fresh.close();
    }
  });
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
        `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iss: issuer, aud: audience, permissions: ['read:reports'], exp: 9e9 })}.`,
      'ALGORITHM_NOT_ALLOWED',
    ],
    [
      'HS256 signed with the public key (key confusion)',
      async () =>
        new SignJWT({ permissions: ['read:reports'] })
          .setProtectedHeader({ alg: 'HS256', kid: key.kid })
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
        return `${h}.${b64url({ iss: issuer, aud: audience, permissions: ['manage:users'], exp: 9e9 })}.${s}`;
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
