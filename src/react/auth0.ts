import type {
  Auth0ContextInterface,
  Auth0ProviderWithConfigOptions,
  LogoutOptions,
} from '@auth0/auth0-react';
import { Auth0PermissionsError } from '../errors.js';
import { createLive } from '../sources/live.js';
import {
  expectedOf,
  type LiveOptions,
  refuseClientSecret,
  resolveAudience,
} from '../sources/shared.js';
import type { Permissions } from '../types.js';

/** What the binding reads from `useAuth0()`. */
export type Auth0State = Pick<
  Auth0ContextInterface,
  | 'getAccessTokenSilently'
  | 'isAuthenticated'
  | 'isLoading'
  | 'error'
  | 'loginWithRedirect'
  | 'logout'
  | 'getConfiguration'
>;

/** Options of {@link auth0ProviderOptions}: `<Auth0Provider>`'s own, plus the API Identifier. */
export type Auth0ProviderOptionsInput = Auth0ProviderWithConfigOptions & {
  /** The API Identifier of your API (APIs → your API → Identifier). Required. */
  audience?: string;
  /** Scopes to request with every login and token. @default auth0-spa-js's `openid profile email` */
  scope?: string;
};

// `<Auth0Provider>` shows its options to nobody (its context has only getConfiguration(): domain
// and client id), so the audience checked by auth0ProviderOptions() is kept here for
// <PermissionsProvider> to find by domain and client id.
const audiences = new Map<string, string>();
const keyOf = (domain: unknown, clientId: unknown) => `${domain}|${clientId}`;

/**
 * The props of `<Auth0Provider>` with the audience where auth0-spa-js 2 reads it
 * (`authorizationParams.audience`), checked before anything reaches Auth0, as `lockOptions` does
 * for Lock. `<PermissionsProvider>` below it then needs no `audience` of its own.
 *
 * @example
 * <Auth0Provider {...auth0ProviderOptions({ domain, clientId, audience: 'https://reports.example.com' })}>
 *   <PermissionsProvider><App /></PermissionsProvider>
 * </Auth0Provider>
 * @throws {Auth0PermissionsError} `AUDIENCE_NOT_CONFIGURED` (none), `AUDIENCE_MISPLACED` (two
 * different ones), `CLIENT_SECRET_IN_BROWSER`.
 */
export function auth0ProviderOptions(
  options: Auth0ProviderOptionsInput,
): Auth0ProviderWithConfigOptions {
  refuseClientSecret(options);
  const { audience: ours, scope, ...rest } = options;
  const audience = resolveAudience(
    { audience: ours, 'authorizationParams.audience': rest.authorizationParams?.audience },
    'auth0-react',
  );
  audiences.set(keyOf(rest.domain, rest.clientId), audience);
  return {
    ...rest,
    authorizationParams: { ...rest.authorizationParams, audience, ...(scope ? { scope } : {}) },
  };
}

/**
 * The audience `<PermissionsProvider>` sends: its own `audience` prop, or the one given to
 * {@link auth0ProviderOptions} for the same domain and client.
 * @throws {Auth0PermissionsError} `AUDIENCE_NOT_CONFIGURED`, `AUDIENCE_MISPLACED`, or
 * `ERR_INVALID_OPTIONS` outside `<Auth0Provider>`.
 */
export function audienceFor(auth0: Auth0State, ours: string | undefined): string {
  let configuration: { domain: string; clientId: string };
  try {
    configuration = auth0.getConfiguration();
  } catch (cause) {
    throw new Auth0PermissionsError('ERR_INVALID_OPTIONS', 'No <Auth0Provider> above', { cause });
  }
  return resolveAudience(
    {
      audience: ours,
      auth0ProviderOptions: audiences.get(keyOf(configuration.domain, configuration.clientId)),
    },
    'auth0-react',
  );
}

/** Options of {@link permissionsFromAuth0}. */
export interface FromAuth0Options extends Omit<LiveOptions, 'start'> {
  audience: string;
  scope?: string | undefined;
  logoutParams?: LogoutOptions['logoutParams'] | undefined;
}

/**
 * The live instance over auth0-react's `useAuth0()` (read through `read`, always the latest
 * render's): every token request and login carries the audience. No token is asked for before
 * `start()` (call it once `isLoading` is false), nor while nobody is signed in.
 */
export function permissionsFromAuth0(
  read: () => Auth0State,
  { audience, scope, logoutParams, ...live }: FromAuth0Options,
): { instance: Permissions; start(): void } {
  let start!: () => void;
  const started = new Promise<void>((resolve) => {
    start = resolve;
  });
  const authorizationParams = { audience, ...(scope ? { scope } : {}) };
  const instance = createLive({
    ...live,
    expected: expectedOf(audience, read().getConfiguration()),
    async getAccessToken({ refresh }) {
      await started;
      const auth0 = read();
      if (auth0.isAuthenticated)
        return auth0.getAccessTokenSilently({
          cacheMode: refresh ? 'off' : 'on',
          authorizationParams,
        });
      // A failed redirect login (an unknown audience…) leaves its error here: explain it.
      if (auth0.error) throw auth0.error;
      return null;
    },
    login: () =>
      read().loginWithRedirect({
        authorizationParams,
        appState: { returnTo: location.href.slice(location.origin.length) },
      }),
    logout: () =>
      read().logout({
        logoutParams: { returnTo: location.origin + location.pathname, ...logoutParams },
      }),
  });
  return { instance, start };
}
