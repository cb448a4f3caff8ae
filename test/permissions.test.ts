import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Auth0PermissionsError } from '../src/errors.js';
import { createPermissions } from '../src/permissions.js';
import type { Permissions } from '../src/types.js';
import { b64url, nowSeconds as now, unsignedToken } from './support/tokens.js';

const token = (claims: Record<string, unknown>) => unsignedToken(claims);
const oauthError = (error: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(error), { error, error_description: error, ...extra });

type Deferred = { resolve(value: string): void; reject(error: unknown): void };

const instances: Permissions[] = [];
const create = (options: Parameters<typeof createPermissions>[0]) => {
  const instance = createPermissions(options);
  instances.push(instance);
  return instance;
};
afterEach(() => {
  for (const instance of instances.splice(0)) instance.destroy();
  vi.useRealTimers();
});

describe('createPermissions', () => {
  it('starts loading, then holds the token permissions as a read-only set', async () => {
    const instance = create({
      getAccessToken: async () => token({ permissions: ['read:reports'] }),
    });
    expect(instance.state).toBe('loading');
    expect(instance.hasPermission('read:reports')).toBe(false);
    const snapshot = await instance.ready();
    expect(snapshot.state).toBe('authenticated');
    expect(instance.hasPermission('read:reports')).toBe(true);
    expect(instance.hasAnyPermission(['x', 'read:reports'])).toBe(true);
    expect(instance.hasAllPermissions(['x', 'read:reports'])).toBe(false);
    expect(instance.check('read:reports and not delete:reports')).toBe(true);
    expect(() => (instance.permissions as Set<string>).add('admin')).toThrow(TypeError);
    expect(instance.hasPermission('admin')).toBe(false);
  });

  it('reads the configured claim', async () => {
    const claim = 'https://example.com/permissions';
    const instance = create({
      claim,
      getAccessToken: async () => token({ [claim]: ['x'], permissions: ['y'] }),
    });
    await instance.ready();
    expect([...instance.permissions]).toEqual(['x']);
  });

  it('is anonymous when the getter returns nothing or throws login_required', async () => {
    const a = create({ getAccessToken: async () => undefined });
    const b = create({ getAccessToken: async () => Promise.reject(oauthError('login_required')) });
    expect((await a.ready()).state).toBe('anonymous');
    expect((await b.ready()).state).toBe('anonymous');
    expect(b.error).toBeUndefined();
  });

  it('fails closed on a malformed token with MALFORMED_TOKEN', async () => {
    const instance = create({ getAccessToken: async () => 'a.b.c' });
    await instance.ready();
    expect(instance.state).toBe('error');
    expect(instance.error?.code).toBe('MALFORMED_TOKEN');
    expect(instance.permissions.size).toBe(0);
  });

  it('treats an opaque token as logged in without permissions', async () => {
    const instance = create({ getAccessToken: async () => 'opaqueTokenWithoutAudience' });
    await instance.ready();
    expect(instance.state).toBe('authenticated');
    expect(instance.permissions.size).toBe(0);
  });

  it('refuses an expired token: TOKEN_EXPIRED, no permissions', async () => {
    const expired = token({ permissions: ['a'], iat: now() - 7200, exp: now() - 3600 });
    const instance = create({ getAccessToken: async () => expired });
    await instance.ready();
    expect(instance.error?.code).toBe('TOKEN_EXPIRED');
    expect(instance.permissions.size).toBe(0);
  });

  it('keeps an OAuth error as cause, and does not retry a definite answer', async () => {
    let calls = 0;
    const original = oauthError('access_denied', { error_description: 'Blocked by a rule' });
    const instance = create({
      getAccessToken: async () => {
        calls++;
        throw original;
      },
    });
    await instance.ready();
    expect(instance.state).toBe('error');
    expect(instance.error).toMatchObject({ code: 'TOKEN_REQUEST_FAILED', cause: original });
    expect(calls).toBe(1);
  });

  it('passes an adapter-mapped error through unchanged', async () => {
    const mapped = new Auth0PermissionsError('UNKNOWN_AUDIENCE', 'Service not found: https://typo');
    const instance = create({ getAccessToken: async () => Promise.reject(mapped) });
    await instance.ready();
    expect(instance.error).toBe(mapped);
  });

  it('maps consent_required and a bare 429', async () => {
    const a = create({
      getAccessToken: async () => Promise.reject(oauthError('consent_required')),
    });
    const b = create({ getAccessToken: async () => Promise.reject({ status: 429 }) });
    await Promise.all([a.ready(), b.ready()]);
    expect(a.error?.code).toBe('CONSENT_REQUIRED');
    expect(b.error?.code).toBe('RATE_LIMITED');
  });

  it('shares one in-flight request among concurrent callers', async () => {
    let calls = 0;
    const instance = create({
      start: false,
      getAccessToken: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 20));
        return token({ permissions: ['a'] });
      },
    });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => instance.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(calls).toBe(1);
    await instance.getAccessToken();
    expect(calls).toBe(1);
  });

  it('refresh() asks the getter to bypass caches and picks up a role change', async () => {
    let permissions = ['read:reports'];
    const seen: boolean[] = [];
    const instance = create({
      getAccessToken: async ({ refresh }) => {
        seen.push(refresh);
        return token({ permissions });
      },
    });
    await instance.ready();
    permissions = ['read:reports', 'delete:reports'];
    const changes: string[][] = [];
    instance.subscribe((s) => changes.push([...s.permissions]));
    await instance.refresh();
    expect(seen).toEqual([false, true]);
    expect(instance.hasPermission('delete:reports')).toBe(true);
    expect(changes).toEqual([['read:reports', 'delete:reports']]);
  });

  it('notifies only on real changes, and unsubscribe stops it', async () => {
    const instance = create({ getAccessToken: async () => token({ permissions: ['a'] }) });
    const listener = vi.fn();
    const unsubscribe = instance.subscribe(listener);
    await instance.ready();
    await instance.refresh();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    await instance.logout();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('logout drops every permission at once, before the SDK redirects', async () => {
    let stateAtLogout = '';
    const instance = create({
      getAccessToken: async () => token({ permissions: ['a', 'b'] }),
      logout: () => {
        stateAtLogout = `${instance.state}:${instance.permissions.size}`;
      },
    });
    await instance.ready();
    await instance.logout();
    expect(stateAtLogout).toBe('anonymous:0');
    await expect(instance.getAccessToken()).rejects.toMatchObject({ code: 'LOGIN_REQUIRED' });
  });

  it.each([
    ['a token', (answer: Deferred) => answer.resolve(token({ permissions: ['a'] }))],
    ['an error', (answer: Deferred) => answer.reject(oauthError('too_many_requests'))],
  ])(
    'a request in flight at logout does not bring the user back when it answers %s',
    async (_, settle) => {
      const answers: Deferred[] = [];
      const instance = create({
        getAccessToken: () => new Promise((resolve, reject) => answers.push({ resolve, reject })),
      });
      const next = () =>
        vi.waitFor(() => answers.shift() ?? Promise.reject(new Error('no request')));
      (await next()).resolve(token({ permissions: ['a'] }));
      await instance.ready();
      const renewal = instance.refresh();
      const inFlight = await next();
      await instance.logout();
      settle(inFlight);
      await renewal;
      expect(instance.state).toBe('anonymous');
      expect(instance.permissions.size).toBe(0);
      expect(instance.error).toBeUndefined();
    },
  );

  it('forgets a refused token on logout: diagnose() then reports no token', async () => {
    const expired = token({ permissions: ['a'], exp: now() - 3600 });
    const instance = create({ getAccessToken: async () => expired });
    await instance.ready();
    expect(instance.error?.code).toBe('TOKEN_EXPIRED');
    expect((await instance.diagnose()).map((f) => f.code)).toContain('TOKEN_EXPIRED');
    await instance.logout();
    expect((await instance.diagnose()).map((f) => f.code)).not.toContain('TOKEN_EXPIRED');
  });

  describe('renewal', () => {
    beforeEach(() => vi.useFakeTimers());

    it('renews once before expiry, with refresh, and drops everything when renewal fails', async () => {
      const calls: boolean[] = [];
      let fail = false;
      const instance = create({
        renewBeforeExpiry: 60,
        getAccessToken: async ({ refresh }) => {
          calls.push(refresh);
          if (fail) throw oauthError('invalid_grant');
          return token({ permissions: ['a'], exp: now() + 600 });
        },
      });
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toEqual([false]);
      await vi.advanceTimersByTimeAsync(540_000);
      expect(calls).toEqual([false, true]);
      expect(instance.state).toBe('authenticated');
      fail = true;
      await vi.advanceTimersByTimeAsync(600_000);
      expect(instance.state).toBe('error');
      expect(instance.permissions.size).toBe(0);
    });

    it('makes one renewal per lifetime over an hour', async () => {
      let calls = 0;
      create({
        getAccessToken: async () => {
          calls++;
          return token({ permissions: ['a'], exp: now() + 600 });
        },
      });
      await vi.advanceTimersByTimeAsync(3600_000);
      expect(calls).toBeGreaterThanOrEqual(6);
      expect(calls).toBeLessThanOrEqual(8);
    });
  });

  it('grants exactly what a reference model reads from random claims, and checks like it', async () => {
    const entry = fc.oneof(
      fc.constantFrom('read:reports', 'delete:reports', 'admin', '__proto__', '', 'a b'),
      fc.integer(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(entry), entry),
        fc.oneof(fc.integer({ min: -7200, max: 7200 }), fc.constantFrom('1', null, undefined)),
        async (permissions, lifetime) => {
          const exp = typeof lifetime === 'number' ? now() + lifetime : lifetime;
          const instance = createPermissions({
            start: false,
            clockTolerance: 0,
            getAccessToken: async () =>
              `${b64url({ alg: 'RS256' })}.${b64url({ permissions, ...(exp === undefined ? {} : { exp }) })}.sig`,
          });
          await instance.refresh();
          instance.destroy();
          // The model: usable while exp is absent or a number in the future; then the
          // non-empty strings of the list.
          const usable = exp === undefined || (typeof exp === 'number' && exp > now());
          const model =
            usable && Array.isArray(permissions)
              ? new Set(permissions.filter((p) => typeof p === 'string' && p !== ''))
              : new Set();
          if (typeof exp === 'number' && Math.abs(exp - now()) < 2) return; // the clock's edge
          expect(instance.state).toBe(usable ? 'authenticated' : 'error');
          expect([...instance.permissions].sort()).toEqual([...model].sort());
          expect(instance.check('admin or __proto__')).toBe(
            model.has('admin') || model.has('__proto__'),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
