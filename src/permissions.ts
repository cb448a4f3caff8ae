import { hasAllPermissions, hasAnyPermission } from './check.js';
import { EMPTY, type PermissionsClaim, permissionsFromClaims } from './claims.js';
import { Auth0PermissionsError } from './errors.js';
import { parsePermissionExpression } from './expression.js';
import { classify, loadDiagnosis } from './internal/lazy.js';
import { renewalDelay } from './internal/renewal.js';
import { shareRequest } from './internal/shared-request.js';
import type { Store } from './internal/store.js';
import { createStore } from './internal/store.js';
import { inspectToken, MAX_TOKEN_LENGTH } from './token.js';
import type {
  DiagnoseExpected,
  KnownPermissions,
  Permissions,
  PermissionsSnapshot,
  PermissionsState,
} from './types.js';

/** Options of {@link createPermissions}; `P` is the permission type (see {@link Permissions}). */
export interface CreatePermissionsOptions<P extends string = string> {
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
  /**
   * The permissions your API defines (the list `npx auth0-permissions types` generates). In
   * development, on `localhost`, `check()` and the directives then warn once on the console
   * about an expression naming a permission not in it, with a "did you mean". Loaded lazily;
   * silent when `process.env.NODE_ENV` is `'production'`. Also sets `P` when not given.
   */
  knownPermissions?: KnownPermissions<P> | undefined;
}

// `false` in the script-tag builds, which leave the `knownPermissions` warning out (vite.config.ts).
declare const __KNOWN_PERMISSIONS_WARNING__: boolean | undefined;

/** @internal What an adapter's extension (src/sources/live.ts) drives besides the instance. */
export interface Live {
  readonly instance: Permissions;
  /** Fetches a token, sharing the request in flight; `refresh` bypasses every cache. */
  load(refresh: boolean): Promise<PermissionsSnapshot>;
  /** Forgets the token and every permission at once. */
  drop(state: PermissionsState, error?: Auth0PermissionsError): void;
}

/**
 * @internal What an extension adds to the instance, which it never patches: `onRefresh` and
 * `onLogout` run when the app calls `refresh()` / `logout()` (not on a renewal or a logout heard
 * from elsewhere), `teardown` on `destroy()`.
 */
export interface ExtensionHooks {
  onRefresh?(): void;
  onLogout?(): void;
  teardown?(): void;
}

/** @internal Adds a behaviour to the instance (retries, tabs, the console diagnosis). */
export type Extension = (live: Live) => ExtensionHooks;

const malformed = (why: string) =>
  new Auth0PermissionsError('MALFORMED_TOKEN', `The access token is malformed: ${why}`);

/**
 * What a received token grants and the seconds it has left (`Infinity` without `exp`), or why it
 * cannot be used: malformed, too large to read, an `exp` that is not a number, or expired.
 */
function admit(
  received: unknown,
  clockTolerance: number,
  claimOption: object,
): [remaining: number, permissions: ReadonlySet<string>] | Auth0PermissionsError {
  const info = inspectToken(received);
  if (info.kind === 'none') return malformed('not a string');
  if (info.kind === 'malformed')
    return info.size > MAX_TOKEN_LENGTH
      ? new Auth0PermissionsError('TOKEN_TOO_LARGE', `The access token is unread: ${info.reason}`)
      : malformed(info.reason);
  if (info.kind !== 'jwt') return [Infinity, EMPTY];
  const { exp } = info.claims;
  // A token that cannot say when it expires is refused like an expired one.
  if (exp !== undefined && !Number.isFinite(exp)) return malformed('its exp is not a number');
  const remaining = exp === undefined ? Infinity : (exp as number) - Date.now() / 1000;
  return remaining + clockTolerance > 0
    ? [remaining, permissionsFromClaims(info.claims, claimOption)]
    : new Auth0PermissionsError('TOKEN_EXPIRED', 'The access token has expired');
}

/** The token side of the instance: what it holds, how it loads, renews and forgets it. */
interface Session extends Pick<Live, 'load' | 'drop'> {
  readonly store: Store;
  /** The usable token, or `undefined`. */
  token(): string | undefined;
  /** True when the token expires within 5 s: renew it before handing it out. */
  stale(): boolean;
  /** What diagnose() explains: the token, the last one refused, or the error. */
  evidence(): unknown;
  close(): void;
}

function createSession(options: CreatePermissionsOptions, claimOption: object): Session {
  const { renewBeforeExpiry = 60, clockTolerance = 60 } = options;
  const store = createStore();
  let token: string | undefined;
  // The last token refused (expired, malformed), kept in memory for diagnose() only.
  let refused: unknown;
  let expiresAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let signOuts = 0;

  function drop(state: PermissionsState, error?: Auth0PermissionsError) {
    token = undefined;
    // Signed out (here or in another tab): no token of the user stays in memory, not even one
    // refused, and no request made before brings them back.
    if (state === 'anonymous') {
      refused = undefined;
      signOuts++;
    }
    clearTimeout(timer);
    return store.set(state, EMPTY, error);
  }

  function apply(received: unknown): PermissionsSnapshot {
    if (received == null || received === '') return drop('anonymous');
    const admitted = admit(received, clockTolerance, claimOption);
    refused = received;
    if (admitted instanceof Auth0PermissionsError) return drop('error', admitted);
    const [remaining, permissions] = admitted;
    token = received as string;
    refused = undefined;
    expiresAt = Date.now() / 1000 + remaining;
    clearTimeout(timer);
    const delay = renewalDelay(remaining, renewBeforeExpiry);
    if (delay !== undefined) timer = setTimeout(() => void load(true), delay);
    return store.set('authenticated', permissions);
  }

  let request = shareRequest((refresh) => {
    const since = signOuts;
    return options.getAccessToken({ refresh }).then(
      (received) => (since === signOuts ? apply(received) : store.snapshot),
      async (caught) => {
        const error = await classify(caught);
        if (since !== signOuts) return store.snapshot;
        return error.code === 'LOGIN_REQUIRED' ? drop('anonymous') : drop('error', error);
      },
    );
  });
  const load = (refresh: boolean) => request(refresh);
  return {
    store,
    load,
    drop,
    token: () => token,
    stale: () => Date.now() / 1000 >= expiresAt - 5,
    evidence: () => token ?? refused ?? store.snapshot.error,
    close() {
      // Destroyed: no more requests.
      request = () => Promise.resolve(store.snapshot);
      clearTimeout(timer);
      store.close();
    },
  };
}

/**
 * The instance over a new session, calling `hooks` on the app's `refresh()` / `logout()` and on
 * `destroy()`. It fetches nothing yet: see {@link start}.
 */
function createLiveParts<P extends string, Extras extends object>(
  options: CreatePermissionsOptions<P>,
  hooks: ExtensionHooks,
  extras?: Extras,
): Live & { instance: Permissions<P> & Extras } {
  const { claim, expected = {} } = options;
  const claimOption = claim ? { claim } : {};
  const session = createSession(options, claimOption);
  const { store, load, drop } = session;
  const permissions = () => store.snapshot.permissions;

  const instance: Permissions<P> & Extras = {
    ...(extras as Extras),
    get state() {
      return store.snapshot.state;
    },
    get permissions() {
      return permissions();
    },
    get error() {
      return store.snapshot.error;
    },
    hasPermission: (permission) => permissions().has(permission),
    hasAnyPermission: (wanted) => hasAnyPermission(permissions(), wanted),
    hasAllPermissions: (wanted) => hasAllPermissions(permissions(), wanted),
    check: (expression) => parsePermissionExpression(expression).test(permissions()),
    subscribe: store.subscribe,
    ready: () => store.ready,
    refresh() {
      hooks.onRefresh?.();
      return load(true);
    },
    async getAccessToken() {
      const { state } = store.snapshot;
      if (state === 'loading' || (state === 'authenticated' && session.stale()))
        await load(state !== 'loading');
      const token = session.token();
      if (token && store.snapshot.state === 'authenticated') return token;
      throw (
        store.snapshot.error ?? new Auth0PermissionsError('LOGIN_REQUIRED', 'Nobody is logged in')
      );
    },
    async login() {
      await options.login?.();
    },
    async logout() {
      drop('anonymous');
      hooks.onLogout?.();
      await options.logout?.();
    },
    async diagnose() {
      const { diagnose } = await loadDiagnosis();
      return diagnose(session.evidence(), { ...expected, ...claimOption });
    },
    destroy() {
      session.close();
      hooks.teardown?.();
    },
  };
  return { instance, load, drop };
}

/** Starts the instance: the first token request and, in development, the dev warning. */
function start<I extends Permissions>(
  options: CreatePermissionsOptions,
  { instance, load }: Live & { instance: I },
): I {
  // Development help, loaded only when the app lists its API's permissions.
  if (
    options.knownPermissions &&
    (typeof __KNOWN_PERMISSIONS_WARNING__ === 'undefined' || __KNOWN_PERMISSIONS_WARNING__)
  )
    void import('./internal/known-permissions.js').then((known) => known.watch(options));
  if (options.start !== false) void load(false);
  return instance;
}

/**
 * @internal The live instance with the adapter's `extensions` and `extras` (its SDK object),
 * given at creation: nothing patches the instance afterwards. {@link createPermissions} is it
 * without either.
 */
export function composePermissions<P extends string = string, Extras extends object = object>(
  options: CreatePermissionsOptions<P>,
  extensions: readonly Extension[],
  extras?: Extras,
): Permissions<P> & Extras {
  let added: ExtensionHooks[] = [];
  const each = (name: keyof ExtensionHooks) => () => {
    for (const hook of added) hook[name]?.();
  };
  const live = createLiveParts(
    options,
    { onRefresh: each('onRefresh'), onLogout: each('onLogout'), teardown: each('teardown') },
    extras,
  );
  added = extensions.map((extend) => extend(live));
  return start(options, live);
}

/**
 * The live permission set over any async token getter. Every adapter builds on it and adds
 * retries, the sync between tabs and the console diagnosis (see the adapters' options).
 *
 * @example
 * const permissions = createPermissions({ getAccessToken: () => auth.getToken() });
 * await permissions.ready();
 * if (permissions.check('read:reports and not archived')) showReports();
 */
export function createPermissions<P extends string = string>(
  options: CreatePermissionsOptions<P>,
): Permissions<P> {
  return start(options, createLiveParts(options, {}));
}
