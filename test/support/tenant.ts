import { afterAll, afterEach, beforeAll } from 'vitest';
import { type DevTenant, type DevTenantOptions, startDevTenant } from '../../dev-tenant/server.js';

/**
 * The one place tests start the local Auth0 stand-in (dev-tenant/) and reach its admin API.
 * The stand-in's fixture (dev-tenant/tenant.json) defines these.
 */
export const CLIENT_ID = 'auth0-permissions-demo';
export const AUDIENCE = 'https://reports.example.com';
export const LEGACY_AUDIENCE = 'https://legacy.example.com';
export const PASSWORD = 'demo-password';
export const ALL_PERMISSIONS = ['create:reports', 'delete:reports', 'manage:users', 'read:reports'];

export type { DevTenant };

/** A stand-in on a free port, quiet. Its `admin` client already carries the admin secret. */
export function startTenant(options: DevTenantOptions = {}): Promise<DevTenant> {
  return startDevTenant({ port: 0, quiet: true, ...options });
}

/**
 * A stand-in for the whole test file: started before the first test, closed after the last,
 * and (unless `reset: false`) reset after each test. The returned object forwards to it.
 * @example
 * const tenant = tenantForFile();
 * it('…', async () => { await tenant.admin.setUserRoles('viewer@example.com', []); });
 */
export function tenantForFile(options: DevTenantOptions & { reset?: boolean } = {}): DevTenant {
  const { reset = true, ...startOptions } = options;
  let started: DevTenant | undefined;
  const current = () => {
    if (!started) throw new Error('tenantForFile(): the stand-in is only there inside tests');
    return started;
  };
  beforeAll(async () => {
    started = await startTenant(startOptions);
  });
  afterAll(() => started?.close());
  if (reset) afterEach(() => current().admin.reset());
  return new Proxy({} as DevTenant, { get: (_target, key) => Reflect.get(current(), key) });
}

/** Headers of a legitimate raw admin call: the secret, and JSON. */
export function adminHeaders(tenant: DevTenant): Record<string, string> {
  return { 'x-dev-tenant-admin-secret': tenant.adminSecret, 'content-type': 'application/json' };
}
