import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Auth0PermissionsError } from '../../src/errors.js';
import { createPermissions } from '../../src/permissions.js';
import { createLive } from '../../src/sources/live.js';
import type { Permissions } from '../../src/types.js';
import { unsignedToken } from '../support/tokens.js';

const token = (claims: Record<string, unknown>) => unsignedToken(claims);
const oauthError = (error: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(error), { error, error_description: error, ...extra });

const instances: Permissions[] = [];
const create = (options: Parameters<typeof createLive>[0]) => {
  const instance = createLive({ diagnostics: false, channel: false, retryDelay: 1, ...options });
  instances.push(instance);
  return instance;
};
afterEach(() => {
  for (const instance of instances.splice(0)) instance.destroy();
  vi.useRealTimers();
});

describe('the adapters’ live instance', () => {
  it('maps the SDK error in full, e.g. an unknown audience', async () => {
    const instance = create({
      getAccessToken: async () =>
        Promise.reject(oauthError('access_denied', { error_description: 'Service not found: x' })),
    });
    await instance.ready();
    expect(instance.error?.code).toBe('UNKNOWN_AUDIENCE');
    expect(instance.error?.cause).toMatchObject({ error: 'access_denied' });
  });

  it('the bare createPermissions does not retry: one request, then error', async () => {
    let calls = 0;
    const instance = createPermissions({
      getAccessToken: async () => {
        calls++;
        throw { status: 429 };
      },
    });
    instances.push(instance);
    await instance.ready();
    expect(instance.error?.code).toBe('RATE_LIMITED');
    expect(calls).toBe(1);
  });

  describe('retries', () => {
    beforeEach(() => vi.useFakeTimers());

    it('retries a rate limit a bounded number of times, honouring Retry-After', async () => {
      const times: number[] = [];
      const instance = create({
        retries: 2,
        getAccessToken: async () => {
          times.push(Date.now());
          throw new Auth0PermissionsError('RATE_LIMITED', 'Too many requests', { retryAfter: 3 });
        },
      });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(times).toHaveLength(3);
      expect(times[1]! - times[0]!).toBe(3000);
      expect(instance.error?.code).toBe('RATE_LIMITED');
      expect(instance.state).toBe('error');
    });

    it('turns a getter that never settles into TIMEOUT instead of loading for ever', async () => {
      let calls = 0;
      const instance = create({
        retries: 1,
        attemptTimeout: 5_000,
        getAccessToken: () => {
          calls++;
          return new Promise<string>(() => {});
        },
      });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(instance.state).toBe('loading');
      await vi.advanceTimersByTimeAsync(6_000);
      expect(instance.state).toBe('error');
      expect(instance.error?.code).toBe('TIMEOUT');
      expect(calls).toBe(2);
    });

    it('waits longer after a rate limit the SDK gave no Retry-After for', async () => {
      const times: number[] = [];
      create({
        retries: 1,
        retryDelay: 1000,
        getAccessToken: async () => {
          times.push(Date.now());
          throw Object.assign(new Error('429'), { status: 429 });
        },
      });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(times[1]! - times[0]!).toBe(4000);
    });

    it('recovers by itself after a transient failure, without a reload', async () => {
      let failing = true;
      const instance = create({
        retries: 0,
        getAccessToken: async () => {
          if (failing) throw oauthError('timeout');
          return token({ permissions: ['a'] });
        },
      });
      await vi.advanceTimersByTimeAsync(1);
      expect(instance.error?.code).toBe('TIMEOUT');
      failing = false;
      await vi.advanceTimersByTimeAsync(16_000);
      expect(instance.state).toBe('authenticated');
      expect(instance.hasPermission('a')).toBe(true);
    });
  });

  it('carries logout and refresh to the other tabs (BroadcastChannel)', async () => {
    let version = 0;
    const getAccessToken = async () => token({ permissions: [`v${version}`] });
    const channel = `test-${Math.random()}`;
    const a = create({ channel, getAccessToken });
    const b = create({ channel, getAccessToken });
    await Promise.all([a.ready(), b.ready()]);
    expect(b.hasPermission('v0')).toBe(true);
    version = 1;
    await a.refresh();
    await vi.waitFor(() => expect(b.hasPermission('v1')).toBe(true));
    await a.logout();
    await vi.waitFor(() => expect(b.state).toBe('anonymous'));
    expect(b.permissions.size).toBe(0);
  });
});
