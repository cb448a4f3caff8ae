import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_BYTE_CAP } from '../../dev-tenant/lib/request-log.js';
import { createAdminClient } from '../../dev-tenant/server.js';
import { tenantForFile } from '../support/tenant.js';

/** Issue 17.10: no request can stall the stand-in or make its request log grow without bound. */

const CLI = new URL('../../dev-tenant/cli.js', import.meta.url).pathname;
const SECRET = 'limits-test-secret';

describe('a pathological fault path', () => {
  // In its own process: a stalled event loop there cannot stall this test's.
  let child: ChildProcess;
  let url = '';
  beforeAll(async () => {
    child = spawn(process.execPath, [CLI, '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DEV_TENANT_ADMIN_SECRET: SECRET },
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk) => {
        out += chunk;
        const found = /listening on (http:\/\/localhost:\d+)/.exec(out);
        if (found?.[1] && out.includes('admin secret')) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`the stand-in exited (${code}): ${out}`)));
    });
  });
  afterAll(() => {
    child?.kill();
  });

  it('prints the admin secret it was given, and answers other requests while matching', async () => {
    const admin = createAdminClient(url, SECRET);
    // With a backtracking regex, this against a 10 KB path blocked the loop for minutes.
    await admin.fault({ path: '/*a*a*a*a*a*a*a*a*a*a*a*!', status: 500 });
    const long = fetch(`${url}/${'a'.repeat(10_000)}`, { signal: AbortSignal.timeout(15_000) });
    const other = fetch(`${url}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(15_000),
    });
    expect((await other).status).toBe(200);
    expect((await long).status).toBe(404);
    expect((await admin.faults())[0]).toMatchObject({ hits: 0 });
  });
});

describe('the request log', () => {
  const tenant = tenantForFile();

  const post = (path: string, body: string) =>
    fetch(`${tenant.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    }).then((res) => res.arrayBuffer());

  it('truncates what it keeps of a large post', async () => {
    const many = Array.from({ length: 4000 }, (_, i) => `p${i}=v`).join('&');
    await post('/oauth/token', `${'k'.repeat(10_000)}=x&big=${'v'.repeat(10_000)}&${many}`);
    const [entry] = await tenant.admin.log();
    const params = Object.entries(entry.params as Record<string, string>);
    expect(params.length).toBeLessThanOrEqual(51);
    expect(entry.params['…']).toBe('3952 more');
    for (const [key, value] of params) {
      expect(key.length).toBeLessThanOrEqual(101);
      expect(value.length).toBeLessThanOrEqual(201);
    }
  });

  it('stays under its byte cap after many large posts, dropping the oldest', async () => {
    // ~18 KB kept per request (the most one entry keeps) × 300 > the 4 MB cap.
    const params = Array.from(
      { length: 50 },
      (_, i) => `${i}${'k'.repeat(120)}=${'v'.repeat(250)}`,
    );
    const body = params.join('&');
    const path = `/oauth/token/${'p'.repeat(1200)}`;
    for (let i = 0; i < 300; i += 1) await post(`${path}?n=${i}`, body);
    const log = await tenant.admin.log();
    expect(JSON.stringify(log).length).toBeLessThanOrEqual(LOG_BYTE_CAP);
    expect(log.length).toBeLessThan(300);
    expect(log.at(-1)?.params.n).toBe('299');
  }, 60_000);

  it('cuts a long path', async () => {
    await fetch(`${tenant.url}/${'x'.repeat(10_000)}`);
    const [entry] = await tenant.admin.log();
    expect(entry.path.length).toBeLessThan(1100);
  });
});
