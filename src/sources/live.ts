import { Auth0PermissionsError } from '../errors.js';
import { loadDiagnosis } from '../internal/lazy.js';
import { isLocalhost } from '../internal/localhost.js';
import { toSdkError } from '../internal/oauth-error.js';
import { objectOr } from '../internal/object.js';
import {
  type CreatePermissionsOptions,
  composePermissions,
  type Extension,
} from '../permissions.js';
import type { Permissions } from '../types.js';

/** What the adapters add to {@link createPermissions}: retries, tabs, the console diagnosis. */
export interface ResilienceOptions {
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
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Worth another try: rate limits, time-outs, and failures with no OAuth verdict (network, 5xx). */
export function isTransient({ code, cause }: Auth0PermissionsError): boolean {
  if (code === 'RATE_LIMITED' || code === 'TIMEOUT') return true;
  const { error, status } = objectOr(cause);
  return (
    code === 'TOKEN_REQUEST_FAILED' &&
    (typeof error !== 'string' ||
      /^(server_error|temporarily_unavailable)$/.test(error) ||
      Number(status) >= 500)
  );
}

/**
 * The token getter with the SDK's errors mapped, a deadline per attempt and bounded retries of
 * transient failures, backing off from `retryDelay` (`Retry-After` wins, capped at 60 s).
 */
function retrying(
  getAccessToken: CreatePermissionsOptions['getAccessToken'],
  { retries = 2, retryDelay = 1000, attemptTimeout = 75_000 }: ResilienceOptions,
): CreatePermissionsOptions['getAccessToken'] {
  return async (options) => {
    for (let attempt = 0; ; attempt++) {
      let timeout: ReturnType<typeof setTimeout> | undefined;
      try {
        return await Promise.race([
          getAccessToken(options),
          new Promise<never>((_, reject) => {
            timeout = setTimeout(
              () =>
                reject(new Auth0PermissionsError('TIMEOUT', `No token after ${attemptTimeout} ms`)),
              attemptTimeout,
            );
          }),
        ]);
      } catch (caught) {
        const error = toSdkError(caught);
        if (attempt >= retries || !isTransient(error)) throw error;
        const backoff = retryDelay * 2 ** attempt * (error.code === 'RATE_LIMITED' ? 4 : 1);
        await sleep(
          error.retryAfter !== undefined ? Math.min(error.retryAfter, 60) * 1000 : backoff,
        );
      } finally {
        clearTimeout(timeout);
      }
    }
  };
}

/** After the retries gave up on a transient failure: try again by itself, 15 s doubling to 10 min. */
const recovery: Extension = ({ instance, load }) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const unsubscribe = instance.subscribe(({ state, error }) => {
    clearTimeout(timer);
    if (state === 'authenticated' || state === 'anonymous') failures = 0;
    else if (error && isTransient(error))
      timer = setTimeout(() => void load(true), Math.min(15 * 2 ** failures++, 600) * 1000);
  });
  return {
    teardown() {
      clearTimeout(timer);
      unsubscribe();
    },
  };
};

/** A logout in one tab drops the permissions in the others; a refresh refreshes them. */
const tabs =
  (name: string): Extension =>
  ({ load, drop }) => {
    if (typeof BroadcastChannel === 'undefined') return {};
    const channel = new BroadcastChannel(name);
    channel.onmessage = ({ data }) => {
      if (data === 'logout') drop('anonymous');
      else if (data === 'refresh') void load(true);
    };
    return {
      onRefresh: () => channel.postMessage('refresh'),
      onLogout: () => channel.postMessage('logout'),
      teardown: () => channel.close(),
    };
  };

/** Prints the diagnosis once on the console when signed in (or failing) without permissions. */
const consoleDiagnosis: Extension = ({ instance }) => {
  let printed = '';
  const teardown = instance.subscribe(({ state, permissions }) => {
    if (state === 'anonymous' || state === 'loading' || permissions.size) return;
    void Promise.all([instance.diagnose(), loadDiagnosis()]).then(([findings, report]) => {
      printed = report.warn(findings, printed);
    });
  });
  return { teardown };
};

/**
 * The live instance every adapter returns: {@link createPermissions} over the SDK's getter, with
 * the SDK's errors mapped, retries, recovery, the sync between tabs and the console diagnosis.
 * `extras` (the SDK object it drives) and `extensions` (the adapter's own) come at creation:
 * nothing patches the instance afterwards.
 */
export function createLive<P extends string = string, Extras extends object = object>(
  options: CreatePermissionsOptions<P> & ResilienceOptions,
  extras?: Extras,
  extensions: readonly Extension[] = [],
): Permissions<P> & Extras {
  const { diagnostics = 'auto', channel = 'auth0-permissions' } = options;
  return composePermissions(
    { ...options, getAccessToken: retrying(options.getAccessToken, options) },
    [
      recovery,
      ...(channel === false ? [] : [tabs(channel)]),
      ...(diagnostics === true || (diagnostics === 'auto' && isLocalhost())
        ? [consoleDiagnosis]
        : []),
      ...extensions,
    ],
    extras,
  );
}
