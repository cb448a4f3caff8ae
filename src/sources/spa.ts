import type { Auth0Client, Auth0ClientOptions, LogoutOptions } from '@auth0/auth0-spa-js';
// A namespace import: an app that uses only Lock or createPermissions, and never installed
// this optional peer, then builds with a warning instead of a missing-export error.
import * as spaJs from '@auth0/auth0-spa-js';
import { toSdkError } from '../internal/oauth-error.js';
import type { Permissions } from '../types.js';
import { createLive } from './live.js';
import type { LiveOptions } from './shared.js';
import { expectedOf, refuseClientSecret, resolveAudience, splitLiveOptions } from './shared.js';

type SpaClient = Auth0Client;

/** The live instance over auth0-spa-js, with the client it drives. */
export interface SpaPermissions<out P extends string = string> extends Permissions<P> {
  /** The auth0-spa-js client: use it for `getUser()` and the rest, never a second one. */
  readonly client: SpaClient;
}

/** Options of {@link fromAuth0Client}. */
export interface FromAuth0ClientOptions<P extends string = string> extends LiveOptions<P> {
  /**
   * The API Identifier. May be left out when the client was built with
   * `authorizationParams.audience`; refused when it differs from it.
   */
  audience?: string;
  /** Scopes to request with every token. @default the client's scope */
  scope?: string;
  /** Where `logout()` returns to. @default { returnTo: the current page without its query } */
  logoutParams?: LogoutOptions['logoutParams'];
  /**
   * Complete the redirect login (`?code=…&state=…`) on the first token request, then remove
   * those parameters from the address bar.
   * @default true
   */
  handleRedirectCallback?: boolean;
  /**
   * Called after the redirect login completed, with the `appState` given to login. By default
   * the address bar returns to `appState.returnTo` when it is a path on the same page.
   */
  onRedirectCallback?: (appState: unknown) => void;
}

/** Options of {@link createSpaPermissions}: auth0-spa-js's own options plus the adapter's. */
export interface SpaPermissionsOptions<P extends string = string>
  extends Omit<FromAuth0ClientOptions<P>, 'audience'>,
    Auth0ClientOptions {
  /** The API Identifier of your API (APIs → your API → Identifier). Required. */
  audience?: string;
  /**
   * The auth0-spa-js `Auth0Client` class, for pages that load the SDK with a script tag
   * (`window.auth0.Auth0Client`).
   * @default the one imported from '@auth0/auth0-spa-js'
   */
  Auth0Client?: new (
    options: Auth0ClientOptions,
  ) => SpaClient;
}

const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description'];

function isRedirectCallback(): boolean {
  if (typeof location === 'undefined') return false;
  const query = new URLSearchParams(location.search);
  return (query.has('code') || query.has('error')) && query.has('state');
}

function cleanAddressBar(appState: unknown): void {
  const url = new URL(location.href);
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  const returnTo = (appState as { returnTo?: unknown } | undefined)?.returnTo;
  if (typeof returnTo === 'string' && /^\/(?!\/)/.test(returnTo)) {
    const target = new URL(returnTo, location.origin);
    if (target.pathname === url.pathname) {
      url.search = target.search;
      url.hash = target.hash;
    }
  }
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

/** Completes the redirect login, then puts the address bar back (or hands `appState` over). */
async function completeRedirect(
  client: SpaClient,
  onRedirectCallback: ((appState: unknown) => void) | undefined,
): Promise<void> {
  let appState: unknown;
  try {
    ({ appState } = await client.handleRedirectCallback());
  } catch (error) {
    appState = (error as { appState?: unknown }).appState;
    // A stale callback URL (reload, bookmark) has no transaction: ignore it and renew.
    if ((error as { error?: unknown }).error !== 'missing_transaction') {
      cleanAddressBar(appState);
      throw toSdkError(error);
    }
  }
  if (onRedirectCallback) {
    cleanAddressBar(undefined);
    onRedirectCallback(appState);
  } else cleanAddressBar(appState);
}

const currentPage = () => location.origin + location.pathname;

/**
 * The live permission set over an auth0-spa-js client the app already has. Every login and
 * token request it makes carries the audience explicitly.
 *
 * @example
 * const client = new Auth0Client({ domain, clientId, authorizationParams: { audience } });
 * const permissions = fromAuth0Client(client);
 * @throws {Auth0PermissionsError} `AUDIENCE_NOT_CONFIGURED`, `AUDIENCE_MISPLACED`
 */
export function fromAuth0Client<P extends string = string>(
  client: SpaClient,
  options: FromAuth0ClientOptions<P> = {},
): SpaPermissions<P> {
  const [live, own] = splitLiveOptions<P, FromAuth0ClientOptions<P>>(options);
  // auth0-spa-js keeps its constructor options on `options` (not public API, read only to
  // catch a second, different audience).
  const clientOptions =
    ((client as unknown as { options?: Partial<Auth0ClientOptions> & { audience?: unknown } })
      .options as (Partial<Auth0ClientOptions> & { audience?: unknown }) | undefined) ?? {};
  const audience = resolveAudience(
    {
      audience: own.audience,
      'authorizationParams.audience': clientOptions.authorizationParams?.audience,
      // A 1.x-style top-level audience is ignored by auth0-spa-js 2, but every call below
      // passes the audience explicitly, so it is accepted as ours.
      'the client option audience': clientOptions.audience,
    },
    'auth0-spa-js',
  );
  const scope = own.scope;
  const authorizationParams = { audience, ...(scope ? { scope } : {}) };
  let callback = own.handleRedirectCallback !== false && isRedirectCallback();

  return createLive(
    {
      ...live,
      expected: expectedOf(audience, clientOptions),
      async getAccessToken({ refresh }) {
        if (callback) {
          callback = false;
          await completeRedirect(client, own.onRedirectCallback);
        }
        return client.getTokenSilently({
          cacheMode: refresh ? 'off' : 'on',
          authorizationParams,
        });
      },
      login: () =>
        client.loginWithRedirect({
          authorizationParams: {
            ...authorizationParams,
            redirect_uri: clientOptions.authorizationParams?.redirect_uri ?? currentPage(),
          },
          appState: { returnTo: location.pathname + location.search + location.hash },
        }),
      logout: () =>
        client.logout({ logoutParams: { returnTo: currentPage(), ...own.logoutParams } }),
    },
    { client },
  );
}

/**
 * Builds the auth0-spa-js client with the audience where auth0-spa-js 2 reads it
 * (`authorizationParams.audience`), completes the redirect login, and returns the live
 * permission set at once (state `loading`).
 *
 * @example
 * const permissions = createSpaPermissions({
 *   domain: 'example.eu.auth0.com',
 *   clientId: 'abc123',
 *   audience: 'https://reports.example.com',
 * });
 * permissions.subscribe(({ state }) => render(state));
 * @throws {Auth0PermissionsError} `AUDIENCE_NOT_CONFIGURED`, `AUDIENCE_MISPLACED` or
 * `CLIENT_SECRET_IN_BROWSER`, before any request or redirect.
 */
export function createSpaPermissions<P extends string = string>(
  options: SpaPermissionsOptions<P>,
): SpaPermissions<P> {
  refuseClientSecret(options);
  const {
    audience: ours,
    scope,
    Auth0Client: Client = spaJs.Auth0Client,
    // fromAuth0Client's own options, kept out of auth0-spa-js's.
    logoutParams: _logoutParams,
    handleRedirectCallback: _handleRedirectCallback,
    onRedirectCallback: _onRedirectCallback,
    ...rest
  } = options;
  const [, sdkOptions] = splitLiveOptions(rest);
  const audience = resolveAudience(
    { audience: ours, 'authorizationParams.audience': sdkOptions.authorizationParams?.audience },
    'auth0-spa-js',
  );
  const client = new Client({
    ...sdkOptions,
    // Without the fallback, one failed refresh makes the worker drop its refresh token and
    // every later renewal fails with missing_refresh_token until the user logs in again.
    ...(sdkOptions.useRefreshTokens
      ? { useRefreshTokensFallback: sdkOptions.useRefreshTokensFallback ?? true }
      : {}),
    authorizationParams: {
      ...sdkOptions.authorizationParams,
      audience,
      ...(scope ? { scope } : {}),
    },
  });
  return fromAuth0Client(client, { ...options, audience });
}
