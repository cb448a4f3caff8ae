import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, CLIENT_ID, tenantForFile } from '../support/tenant.js';
import { codeFlow, postToken } from './helpers.js';

const tenant = tenantForFile();

const refresh = (token: string) =>
  postToken(tenant, { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: token });

describe('refresh tokens', () => {
  it('are issued only for offline_access', async () => {
    const { tokens } = await codeFlow(tenant, 'viewer@example.com', { audience: AUDIENCE });
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('rotate, keep audience and scope, and carry an id_token each time', async () => {
    const { tokens } = await codeFlow(tenant, 'editor@example.com', {
      audience: AUDIENCE,
      scope: 'openid profile email offline_access read:reports delete:reports',
    });
    expect(tokens.scope).toBe('openid profile email offline_access read:reports');
    const first = await refresh(tokens.refresh_token ?? '');
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toEqual(expect.any(String));
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token);
    expect(first.body.id_token).toEqual(expect.any(String));
    expect(first.body.scope).toBe(tokens.scope);
    const before = decodeJwt(tokens.access_token);
    const after = decodeJwt(first.body.access_token);
    expect(after.aud).toEqual([AUDIENCE, `${tenant.url}/userinfo`]);
    expect(after.jti).not.toBe(before.jti);
    expect(decodeJwt(first.body.id_token).nonce).toBeUndefined();

    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
  });

  it('revoke the whole family when an old token is reused', async () => {
    const { tokens } = await codeFlow(tenant, 'viewer@example.com', {
      audience: AUDIENCE,
      scope: 'openid offline_access',
    });
    const old = tokens.refresh_token ?? '';
    const rotated = await refresh(old);
    expect(rotated.status).toBe(200);
    const reuse = await refresh(old);
    expect(reuse.status).toBe(403);
    expect(reuse.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
    });
    const newest = await refresh(rotated.body.refresh_token);
    expect(newest.status).toBe(403);
    expect(newest.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuse an unknown token and a token of another client', async () => {
    expect((await refresh('v1.made-up')).body).toMatchObject({ error: 'invalid_grant' });
    await tenant.admin.patch({
      applications: [{ clientId: 'other-app', callbacks: ['http://localhost:*'] }],
    });
    const { tokens } = await codeFlow(tenant, 'viewer@example.com', {
      scope: 'openid offline_access',
    });
    const other = await postToken(tenant, {
      grant_type: 'refresh_token',
      client_id: 'other-app',
      refresh_token: tokens.refresh_token ?? '',
    });
    expect(other.status).toBe(403);
  });

  it('pick up a role change on the next refresh (the cached token keeps the old one)', async () => {
    const { tokens } = await codeFlow(tenant, 'viewer@example.com', {
      audience: AUDIENCE,
      scope: 'openid offline_access delete:reports',
    });
    expect(decodeJwt(tokens.access_token).permissions).toEqual(['read:reports']);
    await tenant.admin.setUserRoles('viewer@example.com', ['admin']);
    const next = await refresh(tokens.refresh_token ?? '');
    expect(decodeJwt(next.body.access_token).permissions).toEqual([
      'create:reports',
      'delete:reports',
      'manage:users',
      'read:reports',
    ]);
    expect(next.body.scope).toBe('openid offline_access delete:reports');
  });

  it('keep no audience as no audience (opaque access token)', async () => {
    const { tokens } = await codeFlow(tenant, 'viewer@example.com', {
      scope: 'openid offline_access',
    });
    const next = await refresh(tokens.refresh_token ?? '');
    expect(next.body.access_token.split('.')).toHaveLength(5);
  });
});

describe('revocation', () => {
  it('revokes the family, as spa-js revokeRefreshToken() asks', async () => {
    const { tokens } = await codeFlow(tenant, 'viewer@example.com', {
      scope: 'openid offline_access',
    });
    const res = await fetch(`${tenant.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: CLIENT_ID,
        token_type_hint: 'refresh_token',
        token: tokens.refresh_token,
      }),
    });
    expect(res.status).toBe(200);
    expect((await refresh(tokens.refresh_token ?? '')).body).toMatchObject({
      error: 'invalid_grant',
    });
  });
});
