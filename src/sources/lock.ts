import { toSdkError } from '../internal/oauth-error.js';
import { objectOr } from '../internal/object.js';
import type { Extension } from '../permissions.js';
import type { Permissions } from '../types.js';
import { createLive } from './live.js';
import type { LiveOptions } from './shared.js';
import { expectedOf, refuseClientSecret, resolveAudience, splitLiveOptions } from './shared.js';

type Options = Record<string, unknown>;

/** What Lock's `authenticated` event and `checkSession` callback give. */
export interface LockAuthResult {
  accessToken: string;
  /** Seconds. */
  expiresIn?: number | undefined;
  idToken?: string | undefined;
  scope?: string | undefined;
  state?: string | undefined;
}

/** The part of an `Auth0Lock` instance the adapter drives (Lock 11 to 14). */
export interface LockLike {
  // biome-ignore lint/suspicious/noExplicitAny: Lock's own listener type
  on(event: string, listener: (...args: any[]) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: Lock's own listener type
  removeListener?(event: string, listener: (...args: any[]) => void): unknown;
  checkSession(
    options: Options,
    callback: (error: unknown, result: LockAuthResult | undefined) => void,
  ): void;
  show(options?: Options): void;
  logout(options: Options): void;
}

/** Options of {@link lockOptions}: Lock's own constructor options plus these. */
export interface LockOptionsInput extends Options {
  /** The same domain passed to `new Auth0Lock(clientId, domain, …)`. */
  domain: string;
  clientId?: string;
  /** The API Identifier; may also be given as `auth.audience` or `auth.params.audience`. */
  audience?: string;
  /** @default 'openid profile email' (Lock's default) */
  scope?: string;
  auth?: Options & { params?: Options };
}

/** Lock constructor options, as {@link lockOptions} returns them. */
export interface LockConstructorOptions extends Options {
  auth: Options & {
    audience: string;
    responseType: string;
    params: Options & { audience: string };
  };
}

// A 1×1 transparent GIF: Lock otherwise loads its logo from Auth0's CDN.
const BLANK_LOGO = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/**
 * Lock options with the audience in every place Lock reads it (`auth.audience` for
 * `checkSession`, `auth.params.audience` for the login) and `responseType: 'token id_token'`.
 * Pass the result as the third argument of `new Auth0Lock(clientId, domain, options)`.
 * A domain with an `http://` or `https://` scheme is taken for a non-Auth0 host (a local
 * stand-in): Lock's client configuration, language file and token issuer then come from it.
 *
 * @example
 * const lock = new Auth0Lock(clientId, domain, lockOptions({ domain, audience }));
 * @throws {Auth0PermissionsError} `AUDIENCE_NOT_CONFIGURED`, `AUDIENCE_MISPLACED`,
 * `CLIENT_SECRET_IN_BROWSER`
 */
export function lockOptions(input: LockOptionsInput): LockConstructorOptions {
  refuseClientSecret(input);
  const { domain, clientId: _clientId, audience: top, scope, auth = {}, ...rest } = input;
  const params = objectOr(auth.params);
  const audience = resolveAudience(
    { audience: top, 'auth.audience': auth.audience, 'auth.params.audience': params.audience },
    'Lock',
  );
  const responseType =
    typeof auth.responseType === 'string' && /\btoken\b/.test(auth.responseType)
      ? auth.responseType
      : 'token id_token';
  const options: LockConstructorOptions = {
    ...rest,
    auth: {
      ...auth,
      audience,
      responseType,
      params: { ...params, audience, ...(scope ? { scope } : {}) },
    },
  };
  const base = /^https?:\/\//.test(domain) ? domain.replace(/\/+$/, '') : undefined;
  if (base) {
    options.configurationBaseUrl ??= base;
    options.languageBaseUrl ??= base;
    if (!('avatar' in options)) options.avatar = null;
    const theme = objectOr(options.theme);
    options.theme = { ...theme, logo: theme.logo ?? BLANK_LOGO };
    const overrides = objectOr(options.overrides);
    options.overrides = { __token_issuer: `${base}/`, ...overrides };
  }
  return options;
}

/** Options of {@link fromLock}. */
export interface FromLockOptions<P extends string = string> extends LiveOptions<P> {
  /** The API Identifier, the same given to {@link lockOptions}. Required. */
  audience: string;
  /** @default 'openid profile email' */
  scope?: string;
  domain?: string;
  clientId?: string;
  /** Where `logout()` returns to. @default the current page without its query */
  returnTo?: string;
  /** How long one `checkSession` may take, in ms (auth0-js waits 60 s). @default 20000 */
  checkSessionTimeout?: number;
}

/** The live instance over Lock, with the Lock it drives. */
export interface LockPermissions<out P extends string = string> extends Permissions<P> {
  readonly lock: LockLike;
  /** Opens the Lock widget asking for the audience (Lock ignores `show({ auth: { audience } })`). */
  show(options?: Options): void;
}

type Outcome = { result?: LockAuthResult } | { error: unknown };

const AUTH_HASH = /[#&](access_token|id_token|error)=/;

const unwrap = (outcome: Outcome) => {
  if ('error' in outcome) throw toSdkError(outcome.error);
  return outcome.result?.accessToken;
};

/**
 * Lock's events as a token source: what `authenticated` / `authorization_error` delivered,
 * the listeners held by an extension (removed on `destroy()`).
 */
function lockEvents(lock: LockLike) {
  let pushed: Outcome | undefined;
  let waiting: ((outcome: Outcome) => void) | undefined;
  // Lock parses a login's `#access_token=…` in a timer after construction: wait for it.
  let fromHash: Promise<Outcome> | undefined =
    typeof location !== 'undefined' && AUTH_HASH.test(location.hash)
      ? new Promise((resolve) => {
          waiting = resolve;
          setTimeout(() => resolve({}), 15_000);
        })
      : undefined;

  const listen: Extension = ({ instance }) => {
    const deliver = (outcome: Outcome) => {
      if (waiting) {
        waiting(outcome);
        waiting = undefined;
      } else {
        pushed = outcome;
        void instance.refresh();
      }
    };
    const onAuthenticated = (result: LockAuthResult) => deliver({ result });
    const onError = (error: unknown) => deliver({ error });
    lock.on('authenticated', onAuthenticated);
    lock.on('authorization_error', onError);
    return {
      teardown() {
        lock.removeListener?.('authenticated', onAuthenticated);
        lock.removeListener?.('authorization_error', onError);
      },
    };
  };

  /** The token an event delivered (`{ token }`, maybe none), or `undefined`: ask checkSession. */
  async function take(): Promise<{ token: string | undefined } | undefined> {
    if (fromHash) {
      const outcome = await fromHash;
      fromHash = undefined;
      const token = unwrap(outcome);
      if (token) return { token };
    }
    if (!pushed) return undefined;
    const outcome = pushed;
    pushed = undefined;
    return { token: unwrap(outcome) };
  }

  return { listen, take };
}

/**
 * The live permission set over a Lock widget: follows `authenticated` and
 * `authorization_error`, and renews with `checkSession`, passing the audience and scope
 * explicitly (Lock's `checkSession` ignores `auth.params.audience`). Tokens stay in memory.
 *
 * @example
 * const lock = new Auth0Lock(clientId, domain, lockOptions({ domain, audience }));
 * const permissions = fromLock(lock, { audience });
 * loginButton.onclick = () => permissions.show();
 * @throws {Auth0PermissionsError} `AUDIENCE_NOT_CONFIGURED`
 */
export function fromLock<P extends string = string>(
  lock: LockLike,
  options: FromLockOptions<P>,
): LockPermissions<P> {
  const [live, own] = splitLiveOptions<P, FromLockOptions<P>>(options);
  const audience = resolveAudience({ audience: own.audience }, 'Lock');
  const scope = own.scope ?? 'openid profile email';
  const events = lockEvents(lock);

  const checkSession = () =>
    new Promise<LockAuthResult | undefined>((resolve, reject) =>
      lock.checkSession(
        {
          audience,
          scope,
          responseType: 'token id_token',
          timeout: own.checkSessionTimeout ?? 20_000,
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );

  const show = (showOptions: Options = {}) => {
    const auth = objectOr(showOptions.auth);
    const params = objectOr(auth.params);
    lock.show({ ...showOptions, auth: { ...auth, params: { ...params, audience, scope } } });
  };

  return createLive(
    {
      ...live,
      expected: expectedOf(audience, own),
      async getAccessToken() {
        const delivered = await events.take();
        return delivered ? delivered.token : (await checkSession())?.accessToken;
      },
      login: () => show(),
      logout: () => lock.logout({ returnTo: own.returnTo ?? location.origin + location.pathname }),
    },
    { lock, show },
    [events.listen],
  );
}
