import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { adminHeaders, tenantForFile } from '../support/tenant.js';

const tenant = tenantForFile();

/** A raw HTTP request, so that `Host` can be forged (fetch does not allow it). */
function raw(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: tenant.port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const ATTACK = { path: '/.well-known/jwks.json', status: 200, body: { keys: [] } };

describe('the admin API refuses what another web page can send (issue 17.1)', () => {
  it('refuses the cross-site text/plain form post, and adds no fault', async () => {
    // What `<form method=POST enctype=text/plain action=…/__admin/faults>` on evil.example sends.
    const res = await fetch(`${tenant.url}/__admin/faults`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        origin: 'http://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      // The field name `{"path":…,"pad":"` plus `=` plus the value `"}}` is valid JSON.
      body: '{"path":"/.well-known/jwks.json","status":200,"body":{"keys":[],"pad":"="}}',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await tenant.admin.faults()).toEqual([]);
    expect(
      (await fetch(`${tenant.url}/.well-known/jwks.json`).then((r) => r.json())).keys,
    ).toHaveLength(1);
  });

  it('refuses a call without the secret, even as JSON from no origin', async () => {
    const res = await fetch(`${tenant.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ATTACK),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    expect((await fetch(`${tenant.url}/__admin/log`)).status).toBe(401);
    expect(await tenant.admin.faults()).toEqual([]);
  });

  it('refuses a wrong secret', async () => {
    const res = await fetch(`${tenant.url}/__admin/info`, {
      headers: { 'x-dev-tenant-admin-secret': `${tenant.adminSecret.slice(1)}x` },
    });
    expect(res.status).toBe(401);
  });

  it('accepts the secret with JSON', async () => {
    const res = await fetch(`${tenant.url}/__admin/faults`, {
      method: 'POST',
      headers: adminHeaders(tenant),
      body: JSON.stringify({ path: '/userinfo', status: 503 }),
    });
    expect(res.status).toBe(201);
    expect(await tenant.admin.faults()).toHaveLength(1);
  });

  it('refuses a write that is not JSON, even with the secret', async () => {
    const res = await fetch(`${tenant.url}/__admin/faults`, {
      method: 'POST',
      headers: { ...adminHeaders(tenant), 'content-type': 'text/plain' },
      body: JSON.stringify({ path: '/userinfo', status: 503 }),
    });
    expect(res.status).toBe(415);
    expect(await tenant.admin.faults()).toEqual([]);
  });

  it.each([
    ['a cross-site Origin', { origin: 'http://evil.example' }],
    ['Origin "null" (a sandboxed frame)', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ])('refuses %s, even with the secret', async (_name, headers) => {
    const res = await fetch(`${tenant.url}/__admin/reset`, {
      method: 'POST',
      headers: { ...adminHeaders(tenant), ...headers },
    });
    expect(res.status).toBe(403);
  });

  it.each([
    ['a forged Host (DNS rebinding)', 'evil.example:4400'],
    ['a look-alike Host', 'localhost.evil.example'],
    ['no port but another host', '10.0.0.1'],
  ])('refuses %s, even with the secret', async (_name, host) => {
    const res = await raw('/__admin/faults', {
      method: 'POST',
      headers: { ...adminHeaders(tenant), host },
      body: JSON.stringify({ path: '/userinfo', status: 503 }),
    });
    expect(res.status).toBe(403);
    expect(await tenant.admin.faults()).toEqual([]);
  });

  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('answers on Host %s', async (name) => {
    const res = await raw('/__admin/info', {
      headers: { ...adminHeaders(tenant), host: `${name}:${tenant.port}` },
    });
    expect(res.status).toBe(200);
  });
});
