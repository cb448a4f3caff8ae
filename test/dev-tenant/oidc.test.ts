import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, CLIENT_ID, tenantForFile } from '../support/tenant.js';
import { codeFlow, passwordToken } from './helpers.js';

const tenant = tenantForFile({ reset: false });

describe('signatures and discovery', () => {
  it('publishes an OpenID configuration whose issuer ends with a slash', async () => {
    const config = await (await fetch(`${tenant.url}/.well-known/openid-configuration`)).json();
    expect(tenant.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(config).toMatchObject({
      issuer: `${tenant.url}/`,
      jwks_uri: `${tenant.url}/.well-known/jwks.json`,
      authorization_endpoint: `${tenant.url}/authorize`,
      token_endpoint: `${tenant.url}/oauth/token`,
    });
  });

  it('signs access and ID tokens with RS256 keys from the JWKS', async () => {
    const jwks = createRemoteJWKSet(new URL(`${tenant.url}/.well-known/jwks.json`));
    const { tokens } = await codeFlow(tenant, 'admin@example.com', { audience: AUDIENCE });
    const access = await jwtVerify(tokens.access_token, jwks, {
      issuer: `${tenant.url}/`,
      audience: AUDIENCE,
      algorithms: ['RS256'],
    });
    expect(access.protectedHeader).toMatchObject({
      alg: 'RS256',
      typ: 'JWT',
      kid: expect.any(String),
    });
    expect(access.payload).toMatchObject({
      azp: CLIENT_ID,
      sub: expect.stringMatching(/^auth0\|/),
    });
    const id = await jwtVerify(tokens.id_token ?? '', jwks, {
      issuer: `${tenant.url}/`,
      audience: CLIENT_ID,
    });
    expect(id.payload).toMatchObject({
      sid: expect.any(String),
      picture: expect.stringContaining(tenant.url),
    });
    const keys = await (await fetch(`${tenant.url}/.well-known/jwks.json`)).json();
    expect(keys.keys[0]).not.toHaveProperty('d');
    expect(keys.keys[0].kid).toBe(decodeProtectedHeader(tokens.access_token).kid);
  });

  it('serves /userinfo for opaque and API tokens, and refuses garbage', async () => {
    const opaque = await passwordToken(tenant, 'viewer@example.com', { audience: '' });
    const jwt = await passwordToken(tenant, 'viewer@example.com');
    for (const token of [opaque.body.access_token, jwt.body.access_token]) {
      const res = await fetch(`${tenant.url}/userinfo`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ email: 'viewer@example.com', name: 'Vera Viewer' });
    }
    const bad = await fetch(`${tenant.url}/userinfo`, {
      headers: { authorization: 'Bearer garbage' },
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await bad.json()).toMatchObject({ error: 'invalid_token' });
    const none = await passwordToken(tenant, 'viewer@example.com', { scope: 'read:reports' });
    const refused = await fetch(`${tenant.url}/userinfo`, {
      headers: { authorization: `Bearer ${none.body.access_token}` },
    });
    expect(refused.status).toBe(401);
  });

  it('honours the token lifetime set through the admin API', async () => {
    await tenant.admin.setTokenLifetime(120);
    const { body } = await passwordToken(tenant, 'viewer@example.com');
    expect(body.expires_in).toBe(120);
    await tenant.admin.reset();
  });
});
