import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, LEGACY_AUDIENCE, tenantForFile } from '../support/tenant.js';
import { authorizeUrl, Browser, codeFlow, passwordToken, responseParams } from './helpers.js';

const tenant = tenantForFile();

const ALL = ['create:reports', 'delete:reports', 'manage:users', 'read:reports'];
const HELD: Record<string, string[]> = {
  'admin@example.com': ALL,
  'editor@example.com': ['create:reports', 'read:reports'],
  'viewer@example.com': ['read:reports'],
  'nobody@example.com': [],
  'member@example.com': ALL,
};
const REQUESTED = ['read:reports', 'create:reports', 'delete:reports', 'manage:users'];

describe('the RBAC matrix (both toggles × each user)', () => {
  for (const rbac of [true, false]) {
    for (const addPermissionsToAccessToken of [true, false]) {
      for (const [email, held] of Object.entries(HELD)) {
        it(`rbac=${rbac} permissions-toggle=${addPermissionsToAccessToken}: ${email}`, async () => {
          await tenant.admin.setApi(AUDIENCE, { rbac, addPermissionsToAccessToken });
          const { status, body } = await passwordToken(tenant, email, {
            scope: `openid ${REQUESTED.join(' ')}`,
          });
          expect(status).toBe(200);
          expect(decodeProtectedHeader(body.access_token)).toMatchObject({
            alg: 'RS256',
            typ: 'JWT',
          });
          const claims = decodeJwt(body.access_token);
          const granted = rbac ? REQUESTED.filter((s) => held.includes(s)) : REQUESTED;
          expect(claims.scope).toBe(['openid', ...granted].join(' '));
          expect(body.scope).toBe(claims.scope);
          if (rbac && addPermissionsToAccessToken) expect(claims.permissions).toEqual(held);
          else expect(claims).not.toHaveProperty('permissions');
          expect(claims).toMatchObject({ azp: 'auth0-permissions-demo', iss: `${tenant.url}/` });
        });
      }
    }
  }

  it('puts every held permission in the token, requested or not', async () => {
    const { body } = await passwordToken(tenant, 'admin@example.com', { scope: 'openid' });
    expect(decodeJwt(body.access_token)).toMatchObject({ permissions: ALL, scope: 'openid' });
  });

  it('gives an opaque (encrypted) token without an audience', async () => {
    const { body } = await passwordToken(tenant, 'admin@example.com', { audience: '' });
    expect(body.access_token.split('.')).toHaveLength(5);
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: 'dir', enc: 'A256GCM' });
    expect(body.id_token.split('.')).toHaveLength(3);
  });

  it('leaves aud a string when openid is not asked', async () => {
    const { body } = await passwordToken(tenant, 'viewer@example.com', { scope: 'read:reports' });
    expect(decodeJwt(body.access_token).aud).toBe(AUDIENCE);
    expect(body.id_token).toBeUndefined();
  });

  it('ships a second API with RBAC off: every requested scope, no permissions', async () => {
    const { body } = await passwordToken(tenant, 'nobody@example.com', {
      audience: LEGACY_AUDIENCE,
      scope: 'openid read:legacy write:legacy undefined:scope',
    });
    const claims = decodeJwt(body.access_token);
    expect(claims.scope).toBe('openid read:legacy write:legacy');
    expect(claims).not.toHaveProperty('permissions');
  });

  it('gives the Management API audience a token with only scope', async () => {
    const { body } = await passwordToken(tenant, 'admin@example.com', {
      audience: `${tenant.url}/api/v2/`,
      scope: 'openid read:current_user read:reports',
    });
    const claims = decodeJwt(body.access_token);
    expect(claims.aud).toEqual([`${tenant.url}/api/v2/`, `${tenant.url}/userinfo`]);
    expect(claims.scope).toBe('openid read:current_user');
    expect(claims).not.toHaveProperty('permissions');
  });

  it('refuses an unknown audience with "Service not found"', async () => {
    const { status, body } = await passwordToken(tenant, 'admin@example.com', {
      audience: 'https://typo.example.com',
    });
    expect(status).toBe(403);
    expect(body).toEqual({
      error: 'access_denied',
      error_description: 'Service not found: https://typo.example.com',
    });
  });
});

describe('organizations', () => {
  it('gives org_id and empty permissions when the role was assigned outside the org', async () => {
    const { tokens } = await codeFlow(tenant, 'member@example.com', {
      audience: AUDIENCE,
      organization: 'org_acme',
      scope: 'openid read:reports',
    });
    const access = decodeJwt(tokens.access_token);
    expect(access).toMatchObject({ org_id: 'org_acme', permissions: [], scope: 'openid' });
    expect(decodeJwt(tokens.id_token ?? '')).toMatchObject({
      org_id: 'org_acme',
      org_name: 'acme',
    });
  });

  it('counts roles assigned inside the organization', async () => {
    await tenant.admin.setUser('member@example.com', {
      organization: { id: 'org_acme', roles: ['viewer'] },
    });
    const { tokens } = await codeFlow(tenant, 'member@example.com', {
      audience: AUDIENCE,
      organization: 'acme',
    });
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      org_id: 'org_acme',
      permissions: ['read:reports'],
    });
  });

  it('gives the member the admin permissions outside an organization login', async () => {
    const { tokens } = await codeFlow(tenant, 'member@example.com', { audience: AUDIENCE });
    const access = decodeJwt(tokens.access_token);
    expect(access.permissions).toEqual(ALL);
    expect(access).not.toHaveProperty('org_id');
  });

  it('refuses a user who is not a member', async () => {
    const browser = new Browser();
    await codeFlow(tenant, 'admin@example.com', {}, browser);
    const res = await browser.fetch(authorizeUrl(tenant, { organization: 'org_acme' }));
    expect(await responseParams(res)).toMatchObject({ error: 'access_denied' });
  });
});

describe('post-login actions (namespaced custom claims)', () => {
  const CLAIM = 'https://example.com/permissions';

  it('are off in the shipped fixture', async () => {
    const { body } = await passwordToken(tenant, 'editor@example.com');
    expect(decodeJwt(body.access_token)).not.toHaveProperty([CLAIM]);
  });

  it('write the Authorization Extension claim into the ID and access token when enabled', async () => {
    await tenant.admin.setAction('authorization-extension', { enabled: true });
    await tenant.admin.setApi(AUDIENCE, { addPermissionsToAccessToken: false });
    const { body } = await passwordToken(tenant, 'editor@example.com');
    const access = decodeJwt(body.access_token);
    expect(access[CLAIM]).toEqual(['create:reports', 'read:reports']);
    expect(access).not.toHaveProperty('permissions');
    expect(decodeJwt(body.id_token)[CLAIM]).toEqual(['create:reports', 'read:reports']);
  });

  it('can target the ID token only, with roles or a literal value', async () => {
    await tenant.admin.setAction('authorization-extension', {
      enabled: true,
      accessToken: false,
      value: 'roles',
    });
    await tenant.admin.patch({
      actions: [
        { name: 'groups', claim: 'https://example.com/groups', value: ['staff'], idToken: true },
      ],
    });
    const { body } = await passwordToken(tenant, 'viewer@example.com');
    expect(decodeJwt(body.access_token)).not.toHaveProperty([CLAIM]);
    expect(decodeJwt(body.access_token)['https://example.com/groups']).toEqual(['staff']);
    expect(decodeJwt(body.id_token)[CLAIM]).toEqual(['viewer']);
  });

  it('may not set a reserved claim such as permissions', async () => {
    await expect(
      tenant.admin.setAction('authorization-extension', { claim: 'permissions' }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
