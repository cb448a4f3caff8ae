import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, CLIENT_ID, tenantForFile } from '../support/tenant.js';
import {
  APP_ORIGIN,
  authorizeUrl,
  Browser,
  codeFlow,
  passwordToken,
  postToken,
  responseParams,
} from './helpers.js';

const tenant = tenantForFile();

describe('HTTP faults', () => {
  it('answers 429 with Retry-After, readable cross-origin', async () => {
    await tenant.admin.fault({ path: '/oauth/token', status: 429, retryAfter: 7 });
    const { status, body, headers } = await passwordToken(tenant, 'viewer@example.com');
    expect(status).toBe(429);
    expect(body).toMatchObject({ error: 'too_many_requests' });
    expect(headers.get('retry-after')).toBe('7');
    expect(headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(headers.get('access-control-expose-headers')).toContain('retry-after');
  });

  it('answers 500 on /authorize, so a silent iframe gets no message', async () => {
    await tenant.admin.fault({ path: '/authorize', status: 500 });
    const res = await new Browser().fetch(
      authorizeUrl(tenant, { prompt: 'none', response_mode: 'web_message' }),
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'server_error' });
    expect(text).not.toContain('authorization_response');
  });

  it('delays a response', async () => {
    await tenant.admin.fault({ path: '/.well-known/jwks.json', delayMs: 300 });
    const started = Date.now();
    const res = await fetch(`${tenant.url}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection', async () => {
    await tenant.admin.fault({ path: '/oauth/token', drop: true });
    await expect(passwordToken(tenant, 'viewer@example.com')).rejects.toThrow();
    const [entry] = await tenant.admin.log({ path: '/oauth/token' });
    expect(entry).toMatchObject({ status: 0, fault: expect.any(String) });
  });

  it('applies a fault only `times` times and only to matching params', async () => {
    await tenant.admin.fault({
      path: '/oauth/token',
      params: { grant_type: 'refresh_token' },
      status: 500,
      times: 1,
    });
    const { tokens } = await codeFlow(tenant, 'viewer@example.com', {
      scope: 'openid offline_access',
    });
    const refresh = {
      grant_type: 'refresh_token',
      client_id: CLIENT_ID,
      refresh_token: tokens.refresh_token ?? '',
    };
    expect((await postToken(tenant, refresh)).status).toBe(500);
    expect((await postToken(tenant, refresh)).status).toBe(200);
    expect(await tenant.admin.faults()).toEqual([]);
  });

  it('lists, removes and clears faults, and rejects a bad one', async () => {
    const id = await tenant.admin.fault({ path: '/userinfo', status: 503 });
    await tenant.admin.fault({ path: '/oauth/*', status: 500 });
    expect((await tenant.admin.faults()).map((f: { id: string }) => f.id)).toContain(id);
    await tenant.admin.removeFault(id);
    expect(await tenant.admin.faults()).toHaveLength(1);
    expect((await passwordToken(tenant, 'viewer@example.com')).status).toBe(500);
    await tenant.admin.clearFaults();
    expect((await passwordToken(tenant, 'viewer@example.com')).status).toBe(200);
    await expect(
      tenant.admin.fault({ path: '/x', token: 'nonsense' as never }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(tenant.admin.fault({ path: 'oauth/token', status: 500 })).rejects.toMatchObject({
      status: 400,
    });
    await expect(tenant.admin.fault({ path: '/oauth/token' })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('OAuth error faults', () => {
  it('delivers an error through web_message', async () => {
    await tenant.admin.fault({
      path: '/authorize',
      params: { prompt: 'none' },
      oauthError: {
        error: 'interaction_required',
        error_description: 'Multifactor authentication required',
      },
    });
    const browser = new Browser();
    await codeFlow(tenant, 'viewer@example.com', {}, browser);
    const res = await browser.fetch(
      authorizeUrl(tenant, { prompt: 'none', response_mode: 'web_message' }),
    );
    expect(await responseParams(res)).toEqual({
      error: 'interaction_required',
      error_description: 'Multifactor authentication required',
      state: 'state-123',
    });
  });

  it('answers the token endpoint with the error (403 for invalid_grant)', async () => {
    await tenant.admin.fault({
      path: '/oauth/token',
      oauthError: { error: 'invalid_grant', error_description: 'x' },
    });
    const { status, body } = await passwordToken(tenant, 'viewer@example.com');
    expect(status).toBe(403);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'x' });
  });
});

describe('mutated tokens', () => {
  const spoiled = async (token: string) => {
    await tenant.admin.fault({ path: '/oauth/token', token: token as never, times: 1 });
    const { body } = await passwordToken(tenant, 'editor@example.com');
    return body.access_token;
  };

  it('expired', async () => {
    const claims = decodeJwt(await spoiled('expired'));
    expect(claims.exp).toBeLessThan(Date.now() / 1000);
  });

  it('not yet valid', async () => {
    const claims = decodeJwt(await spoiled('not-yet-valid'));
    expect(claims.nbf).toBeGreaterThan(Date.now() / 1000);
  });

  it('bad signature (same kid, other key)', async () => {
    const jwks = createRemoteJWKSet(new URL(`${tenant.url}/.well-known/jwks.json`));
    await expect(jwtVerify(await spoiled('bad-signature'), jwks)).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('missing permissions, or permissions that are not an array', async () => {
    expect(decodeJwt(await spoiled('no-permissions'))).not.toHaveProperty('permissions');
    expect(decodeJwt(await spoiled('permissions-not-array')).permissions).toBe(
      'create:reports read:reports',
    );
  });

  it('oversized', async () => {
    const token = await spoiled('oversized');
    expect(token.length).toBeGreaterThan(16_000);
    expect(decodeJwt(token).permissions).toEqual(expect.arrayContaining(['read:reports']));
  });

  it('wrong audience, wrong issuer', async () => {
    expect(decodeJwt(await spoiled('wrong-audience')).aud).not.toContain(AUDIENCE);
    expect(decodeJwt(await spoiled('wrong-issuer')).iss).not.toBe(`${tenant.url}/`);
  });

  it('opaque despite the audience, and malformed', async () => {
    expect((await spoiled('opaque')).split('.')).toHaveLength(5);
    expect(() => decodeJwt('x')).toThrow();
    const malformed = await spoiled('malformed');
    expect(() => decodeJwt(malformed)).toThrow();
  });

  it('applies to the code exchange when injected on /authorize', async () => {
    await tenant.admin.fault({ path: '/authorize', token: 'no-permissions' });
    const { tokens } = await codeFlow(tenant, 'admin@example.com', { audience: AUDIENCE });
    expect(decodeJwt(tokens.access_token)).not.toHaveProperty('permissions');
  });
});

describe('request log', () => {
  it('records requests without secrets', async () => {
    const { tokens } = await codeFlow(tenant, 'admin@example.com', {
      audience: AUDIENCE,
      scope: 'openid offline_access',
    });
    await postToken(tenant, {
      grant_type: 'refresh_token',
      client_id: CLIENT_ID,
      refresh_token: tokens.refresh_token ?? '',
    });
    await fetch(`${tenant.url}/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    const log = await tenant.admin.log();
    expect(log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'GET /authorize 200',
      'POST /u/login 302',
      'POST /oauth/token 200',
      'POST /oauth/token 200',
      'GET /userinfo 200',
    ]);
    expect(log[2]?.params).toMatchObject({
      grant_type: 'authorization_code',
      code: '[redacted]',
      code_verifier: '[redacted]',
    });
    expect(log[0]?.params).toMatchObject({ audience: AUDIENCE, client_id: CLIENT_ID });
    expect(log[4]?.bearer).toBe(true);
    const text = JSON.stringify(log);
    for (const secret of [
      tokens.access_token,
      tokens.refresh_token ?? '',
      tokens.id_token ?? '',
      'demo-password',
    ]) {
      expect(text).not.toContain(secret);
    }
    await tenant.admin.clearLog();
    expect(await tenant.admin.log()).toEqual([]);
  });
});
