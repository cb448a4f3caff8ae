import { describe, expect, it } from 'vitest';
import { FixtureError, startDevTenant } from '../../dev-tenant/server.js';
import { adminHeaders, CLIENT_ID, tenantForFile } from '../support/tenant.js';
import { APP_ORIGIN, postToken } from './helpers.js';

const tenant = tenantForFile({ reset: false });

const STACK = /\n\s+at |node:internal|\.js:\d+/;

async function raw(path: string, init: RequestInit = {}) {
  const res = await fetch(`${tenant.url}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  expect(text).not.toMatch(STACK);
  return { status: res.status, text, json: () => JSON.parse(text) };
}

describe('malformed requests get Auth0-style errors', () => {
  it('token endpoint', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{}, 400, 'invalid_request'],
      [{ grant_type: 'authorization_code' }, 400, 'invalid_request'],
      [{ grant_type: 'client_credentials', client_id: CLIENT_ID }, 400, 'unsupported_grant_type'],
      [{ grant_type: 'authorization_code', client_id: 'nope', code: 'x' }, 401, 'invalid_client'],
      [{ grant_type: 'authorization_code', client_id: CLIENT_ID }, 400, 'invalid_request'],
      [
        { grant_type: 'authorization_code', client_id: CLIENT_ID, code: 'forged' },
        403,
        'invalid_grant',
      ],
      [{ grant_type: 'refresh_token', client_id: CLIENT_ID }, 400, 'invalid_request'],
      [
        { grant_type: 'password', client_id: CLIENT_ID, username: 'a@b.c', password: 'x' },
        403,
        'invalid_grant',
      ],
    ];
    for (const [fields, status, error] of cases) {
      const res = await postToken(tenant, fields);
      expect([res.status, res.body.error]).toEqual([status, error]);
      expect(res.body.error_description).toEqual(expect.any(String));
    }
  });

  it('bodies: invalid JSON, a JSON array, an oversized body', async () => {
    const post = (body: string, type = 'application/json') =>
      raw('/oauth/token', { method: 'POST', headers: { 'content-type': type }, body });
    for (const body of ['{"grant_type":', '[1,2]']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request' });
    }
    const big = await post(
      `grant_type=${'x'.repeat(200_000)}`,
      'application/x-www-form-urlencoded',
    ).catch(() => ({ status: 413 }));
    expect(big.status).toBe(413);
  });

  it('paths and methods', async () => {
    expect((await raw('/nope')).json()).toMatchObject({ error: 'not_found' });
    expect((await raw('/oauth/token')).status).toBe(405);
    expect((await raw('/client/%E0%A4%A.js')).status).toBe(400);
    expect((await raw('/authorize')).status).toBe(400);
    expect((await raw('/authorize?client_id=auth0-permissions-demo&redirect_uri=%%')).status).toBe(
      400,
    );
    const headers = adminHeaders(tenant);
    expect((await raw('/__admin/nope', { headers })).status).toBe(404);
    expect((await raw('/__admin/fixture', { method: 'PATCH', headers, body: '{' })).status).toBe(
      400,
    );
  });

  it('CORS: allowed origins are reflected, others are not', async () => {
    const allowed = await fetch(`${tenant.url}/oauth/token`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const other = await fetch(`${tenant.url}/oauth/token`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('fixture validation', () => {
  it('rejects a bad fixture at start with every problem listed', async () => {
    const config = {
      applications: [{ clientId: '' }],
      users: [{ email: 'a@b.c', password: 'x', roles: ['ghost'] }],
      actions: [{ name: 'bad', claim: 'roles' }],
    };
    const error = await startDevTenant({ port: 0, quiet: true, config }).catch((e) => e);
    expect(error).toBeInstanceOf(FixtureError);
    expect(error.problems).toEqual([
      'applications[0].clientId must be a non-empty string',
      'users "a@b.c": unknown role "ghost"',
      expect.stringContaining('reserved claim'),
    ]);
  });

  it('rejects a bad patch and keeps the old fixture', async () => {
    await expect(tenant.admin.setUserRoles('viewer@example.com', ['ghost'])).rejects.toMatchObject({
      status: 400,
      body: { error: 'invalid_fixture' },
    });
    const fixture = await tenant.admin.fixture();
    const viewer = fixture.users.find((u: { email: string }) => u.email === 'viewer@example.com');
    expect(viewer).toMatchObject({ roles: ['viewer'] });
    expect(viewer).not.toHaveProperty('password');
  });
});
