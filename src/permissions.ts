import { hasAllPermissions, hasAnyPermission } from './check.js';
import { EMPTY, type PermissionsClaim, permissionsFromClaims } from './claims.js';
import { Auth0PermissionsError } from './errors.js';
import { parsePermissionExpression } from './expression.js';
import { toAuth0PermissionsError } from './internal/oauth-error.js';
import { inspectToken } from './token.js';
import type {
  DiagnoseExpected,
  Finding,
  Permissions,
  PermissionsSnapshot,
  PermissionsState,
} from './types.js';

/** Options of {@link createPermissions}. */
export interface CreatePermissionsOptions {
  /**
   * Returns the current access token. `refresh: true` asks to bypass every cache (a role may
   * have changed). Return `null`/`undefined`, or throw a `login_required` error, when nobody is
   * logged in.
   */
  getAccessToken(options: { refresh: boolean }): Promise<string | null | undefined>;
  /** @default 'permissions' */
  claim?: PermissionsClaim;
  /** Called by `login()`, e.g. `() => client.loginWithRedirect()`. */
  login?: () => unknown;
  /** Called by `logout()` after every permission was dropped. */
  logout?: () => unknown;
  /** Renew this many seconds before the token's `exp`. @default 60 */
  renewBeforeExpiry?: number;
  /** Tolerated clock difference, in seconds, when checking `exp`. @default 60 */
  clockTolerance?: number;
  /** What `diagnose()` compares the token with. @default {} */
  expected?: DiagnoseExpected;
  /** Fetch the first token at once. @default true */
  start?: boolean;
}

/** @internal What an adapter's extension (src/sources/live.ts) drives besides the instance. */
export interface Live {
  readonly instance: Permissions;
  /** Fetches a token, sharing the request in flight; `refresh` bypasses every cache. */
  load(refresh: boolean): Promise<PermissionsSnapshot>;
  /** Forgets the token and every permission at once. */
  drop(state: PermissionsState, error?: Auth0PermissionsError): void;
}

/** @internal Adds a behaviour to the instance; returns its teardown, run by `destroy()`. */
export type Extension = (live: Live) => () => void;

/**
 * The live permission set over any async token getter. Every adapter builds on it and adds
 * retries, the sync between tabs and the console diagnosis (see the adapters' options).
 *
 * @example
 * const permissions = createPermissions({ getAccessToken: () => auth.getToken() });
 * await permissions.ready();
 * if (permissions.check('read:reports and not archived')) showReports();
 */
export function createPermissions(
  options: CreatePermissionsOptions,
  extensions: readonly Extension[] = [],
): Permissions {
  const { claim, renewBeforeExpiry = 60, clockTolerance = 60, expected = {} } = options;
  const listeners = new Set<(snapshot: PermissionsSnapshot) => void>();
  let snapshot: PermissionsSnapshot = { state: 'loading', permissions: EMPTY, error: undefined };
  let token: string | undefined;
  // The last token refused (expired, malformed), kept in memory for diagnose() only.
  let refused: unknown;
  let expiresAt = 0;
  let inflight: Promise<PermissionsSnapshot> | undefined;
  let inflightRefresh = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;
  let resolveReady: (value: PermissionsSnapshot) => void;
  const readyPromise = new Promise<PermissionsSnapshot>((resolve) => {
    resolveReady = resolve;
  });

  function set(state: PermissionsState, permissions = EMPTY, error?: Auth0PermissionsError) {
    const { permissions: held } = snapshot;
    if (
      !destroyed &&
      (state !== snapshot.state ||
        error !== snapshot.error ||
        permissions.size !== held.size ||
        !hasAllPermissions(held, permissions))
    ) {
      snapshot = { state, permissions, error };
      for (const listener of [...listeners]) {
        try {
          listener(snapshot);
        } catch (listenerError) {
          console.error(listenerError);
        }
      }
    }
    resolveReady(snapshot);
    return snapshot;
  }

  function drop(state: PermissionsState, error?: Auth0PermissionsError) {
    token = undefined;
    // Signed out (here or in another tab): no token of the user stays in memory, not even one refused.
    if (state === 'anonymous') refused = undefined;
    clearTimeout(timer);
    return set(state, EMPTY, error);
  }

  function apply(received: unknown): PermissionsSnapshot {
    if (received == null || received === '') return drop('anonymous');
    const info = inspectToken(received);
    refused = received;
    if (info.kind === 'malformed' || info.kind === 'none')
      return drop(
        'error',
        new Auth0PermissionsError(
          'MALFORMED_TOKEN',
          `The access token is malformed: ${info.kind === 'none' ? 'not a string' : info.reason}`,
        ),
      );
    const now = Date.now() / 1000;
    const exp = info.kind === 'jwt' ? info.claims.exp : undefined;
    const remaining = typeof exp === 'number' ? exp - now : Number.POSITIVE_INFINITY;
    if (remaining + clockTolerance <= 0)
      return drop(
        'error',
        new Auth0PermissionsError('TOKEN_EXPIRED', 'The access token has expired'),
      );
    token = received as string;
    refused = undefined;
    expiresAt = now + remaining;
    clearTimeout(timer);
    // Renew once before `exp` (half-way through a short lifetime); a timer holds at most ~24 days.
    if (remaining < 2e6)
      timer = setTimeout(
        () => void load(true),
        Math.max(
          remaining > 2 * renewBeforeExpiry ? remaining - renewBeforeExpiry : remaining / 2,
          1,
        ) * 1000,
      );
    return set(
      'authenticated',
      info.kind === 'jwt' ? permissionsFromClaims(info.claims, claim ? { claim } : {}) : EMPTY,
    );
  }

  function load(refresh: boolean): Promise<PermissionsSnapshot> {
    if (destroyed) return Promise.resolve(snapshot);
    if (inflight && (inflightRefresh || !refresh)) return inflight;
    inflightRefresh = refresh;
    const current: Promise<PermissionsSnapshot> = (inflight ?? Promise.resolve())
      .then(() => options.getAccessToken({ refresh }))
      .then(apply, (caught) => {
        const error = toAuth0PermissionsError(caught);
        return error.code === 'LOGIN_REQUIRED' ? drop('anonymous') : drop('error', error);
      })
      .finally(() => {
        if (inflight === current) inflight = undefined;
      });
    inflight = current;
    return current;
  }

  const instance: Permissions = {
    get state() {
      return snapshot.state;
    },
    get permissions() {
      return snapshot.permissions;
    },
    get error() {
      return snapshot.error;
    },
    hasPermission: (permission) => snapshot.permissions.has(permission),
    hasAnyPermission: (permissions) => hasAnyPermission(snapshot.permissions, permissions),
    hasAllPermissions: (permissions) => hasAllPermissions(snapshot.permissions, permissions),
    check: (expression) => parsePermissionExpression(expression).test(snapshot.permissions),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    ready: () => readyPromise,
    refresh: () => load(true),
    async getAccessToken() {
      const { state } = snapshot;
      if (state === 'loading' || (state === 'authenticated' && Date.now() / 1000 >= expiresAt - 5))
        await load(state !== 'loading');
      if (token && snapshot.state === 'authenticated') return token;
      throw snapshot.error ?? new Auth0PermissionsError('LOGIN_REQUIRED', 'Nobody is logged in');
    },
    async login() {
      await options.login?.();
    },
    async logout() {
      drop('anonymous');
      await options.logout?.();
    },
    async diagnose(): Promise<Finding[]> {
      const { diagnose, ready } = await import('./report.js');
      await ready();
      return diagnose(token ?? refused ?? snapshot.error, {
        ...expected,
        ...(claim ? { claim } : {}),
      });
    },
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      listeners.clear();
      for (const teardown of teardowns) teardown();
    },
  };
  const teardowns = extensions.map((extend) => extend({ instance, load, drop }));
  if (options.start !== false) void load(false);
  return instance;
}
