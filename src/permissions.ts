import { hasAllPermissions, hasAnyPermission } from './check.js';
import { type PermissionsClaim, permissionsFromClaims, readonlySet } from './claims.js';
import {
  Auth0PermissionsError,
  type Auth0PermissionsErrorCode,
  isAuth0PermissionsError,
} from './errors.js';
import { parsePermissionExpression } from './expression.js';
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
  /**
   * Extra attempts after a rate limit, a time-out or a network failure. The SDK may retry on its
   * own inside each attempt (auth0-spa-js retries a failed fetch up to 3 times).
   * @default 2
   */
  retries?: number;
  /**
   * First delay between attempts, in ms; doubles each time. `Retry-After` wins when the SDK lets
   * it through; a rate limit without it waits four times as long.
   * @default 1000
   */
  retryDelay?: number;
  /**
   * Longest wait for one token request, in ms, before it counts as a `TIMEOUT` (a getter that
   * never settles must not leave the page loading for ever).
   * @default 75000
   */
  attemptTimeout?: number;
  /** Tolerated clock difference, in seconds, when checking `exp`. @default 60 */
  clockTolerance?: number;
  /** What `diagnose()` compares the token with. @default {} */
  expected?: DiagnoseExpected;
  /**
   * Print the findings on the console once when permissions are missing (never the token).
   * `'auto'` means only on `localhost`.
   * @default 'auto'
   */
  diagnostics?: boolean | 'auto';
  /**
   * Name of the `BroadcastChannel` that carries logout and refresh to the app's other tabs;
   * `false` turns it off.
   * @default 'auth0-permissions'
   */
  channel?: string | false;
  /** Fetch the first token at once. @default true */
  start?: boolean;
}

const OAUTH_CODES = new Map<unknown, Auth0PermissionsErrorCode>([
  ['login_required', 'LOGIN_REQUIRED'],
  ['interaction_required', 'LOGIN_REQUIRED'],
  ['consent_required', 'CONSENT_REQUIRED'],
  ['timeout', 'TIMEOUT'],
  ['missing_refresh_token', 'MISSING_REFRESH_TOKEN'],
  ['too_many_requests', 'RATE_LIMITED'],
]);

// The adapters map their SDK's errors in full (sdk-errors.ts); a plain getter gets the OAuth basics.
function toError(caught: unknown): Auth0PermissionsError {
  if (isAuth0PermissionsError(caught)) return caught;
  const { error, error_description, message, status } = Object(caught);
  const code = status === 429 ? 'RATE_LIMITED' : (OAUTH_CODES.get(error) ?? 'TOKEN_REQUEST_FAILED');
  return new Auth0PermissionsError(code, `${code}: ${error_description ?? message ?? caught}`, {
    cause: caught,
  });
}

/** Worth another try: rate limits, time-outs, and failures with no OAuth verdict (network, 5xx). */
function isTransient({ code, cause }: Auth0PermissionsError): boolean {
  if (code === 'RATE_LIMITED' || code === 'TIMEOUT') return true;
  const { error, status } = Object(cause);
  return (
    code === 'TOKEN_REQUEST_FAILED' &&
    (typeof error !== 'string' ||
      /^(server_error|temporarily_unavailable)$/.test(error) ||
      status >= 500)
  );
}
const MAX_TIMER = 2 ** 31 - 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isLocalhost = () =>
  typeof location !== 'undefined' &&
  /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(location.hostname);

/**
 * The live permission set over any async token getter. Every adapter builds on it.
 *
 * @example
 * const permissions = createPermissions({ getAccessToken: () => auth.getToken() });
 * await permissions.ready();
 * if (permissions.check('read:reports and not archived')) showReports();
 */
export function createPermissions(options: CreatePermissionsOptions): Permissions {
  const {
    claim,
    retries = 2,
    retryDelay = 1000,
    renewBeforeExpiry = 60,
    clockTolerance = 60,
    expected = {},
    diagnostics = 'auto',
    attemptTimeout = 75_000,
  } = options;
  const listeners = new Set<(snapshot: PermissionsSnapshot) => void>();
  const empty = readonlySet([]);
  let snapshot: PermissionsSnapshot = { state: 'loading', permissions: empty, error: undefined };
  let token: string | undefined;
  // The last token refused (expired, malformed), kept in memory for diagnose() only.
  let refused: unknown;
  let expiresAt = Number.POSITIVE_INFINITY;
  let inflight: Promise<PermissionsSnapshot> | undefined;
  let inflightRefresh = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let recoveries = 0;
  let destroyed = false;
  let warned = '';
  let resolveReady: (value: PermissionsSnapshot) => void;
  const readyPromise = new Promise<PermissionsSnapshot>((resolve) => {
    resolveReady = resolve;
  });
  const channel =
    options.channel !== false && typeof BroadcastChannel !== 'undefined'
      ? new BroadcastChannel(options.channel ?? 'auth0-permissions')
      : undefined;

  const schedule = (seconds: number, refresh: boolean) => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(refresh), Math.min(Math.max(seconds, 1) * 1000, MAX_TIMER));
  };

  function set(state: PermissionsState, permissions = empty, error?: Auth0PermissionsError) {
    if (destroyed) return snapshot;
    const { permissions: held } = snapshot;
    if (
      state !== snapshot.state ||
      error !== snapshot.error ||
      permissions.size !== held.size ||
      !hasAllPermissions(held, permissions)
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
    if (diagnostics === true || (diagnostics === 'auto' && isLocalhost())) warnOnce();
    return snapshot;
  }

  /** Forgets the token and every permission at once. */
  function drop(state: PermissionsState, error?: Auth0PermissionsError) {
    token = undefined;
    clearTimeout(timer);
    return set(state, empty, error);
  }

  function warnOnce() {
    const { state, permissions } = snapshot;
    if (state === 'anonymous' || permissions.size) return;
    void Promise.all([instance.diagnose(), import('./report.js')]).then(([findings, report]) => {
      warned = report.warn(findings, warned);
    });
  }

  function apply(received: unknown): PermissionsSnapshot {
    if (received === null || received === undefined || received === '') return drop('anonymous');
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
    if (remaining < Number.POSITIVE_INFINITY)
      schedule(
        remaining > 2 * renewBeforeExpiry ? remaining - renewBeforeExpiry : remaining / 2,
        true,
      );
    return set(
      'authenticated',
      info.kind === 'jwt' ? permissionsFromClaims(info.claims, claim ? { claim } : {}) : empty,
    );
  }

  async function fetchToken(refresh: boolean): Promise<PermissionsSnapshot> {
    for (let attempt = 0; ; attempt++) {
      try {
        let timeout: ReturnType<typeof setTimeout> | undefined;
        const received = await Promise.race([
          options.getAccessToken({ refresh }),
          new Promise<never>((_, reject) => {
            timeout = setTimeout(
              () =>
                reject(new Auth0PermissionsError('TIMEOUT', `No token after ${attemptTimeout} ms`)),
              attemptTimeout,
            );
          }),
        ]).finally(() => clearTimeout(timeout));
        recoveries = 0;
        return apply(received);
      } catch (caught) {
        const error = toError(caught);
        if (error.code === 'LOGIN_REQUIRED') return drop('anonymous');
        if (!isTransient(error)) return drop('error', error);
        if (attempt >= retries) {
          drop('error', error);
          schedule(Math.min(15 * 2 ** recoveries++, 600), refresh);
          return snapshot;
        }
        const backoff = retryDelay * 2 ** attempt * (error.code === 'RATE_LIMITED' ? 4 : 1);
        await sleep(
          error.retryAfter !== undefined ? Math.min(error.retryAfter, 60) * 1000 : backoff,
        );
      }
    }
  }

  function load(refresh: boolean): Promise<PermissionsSnapshot> {
    if (destroyed) return Promise.resolve(snapshot);
    if (inflight && (inflightRefresh || !refresh)) return inflight;
    inflightRefresh = refresh;
    const current: Promise<PermissionsSnapshot> = (inflight ?? Promise.resolve())
      .then(() => fetchToken(refresh))
      .finally(() => {
        if (inflight === current) inflight = undefined;
      });
    inflight = current;
    return current;
  }

  const onMessage = ({ data }: MessageEvent) => {
    if (data === 'logout') drop('anonymous');
    else if (data === 'refresh') void load(true);
  };
  channel?.addEventListener('message', onMessage);

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
    refresh() {
      channel?.postMessage('refresh');
      return load(true);
    },
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
      channel?.postMessage('logout');
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
      channel?.removeEventListener('message', onMessage);
      channel?.close();
    },
  };
  if (options.start !== false) void load(false);
  return instance;
}
