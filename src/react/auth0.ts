import type {
  Auth0ContextInterface,
  Auth0ProviderWithConfigOptions,
  LogoutOptions,
} from '@auth0/auth0-react';
import type { LiveOptions } from '../sources/shared.js';
import { refuseClientSecret, resolveAudience } from '../sources/shared.js';

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

/** The options `<PermissionsProvider>` builds the live instance with, besides `instance`. */
export interface FromAuth0Options extends Omit<LiveOptions, 'start'> {
  audience: string;
  scope?: string | undefined;
  logoutParams?: LogoutOptions['logoutParams'] | undefined;
}

// `<Auth0Provider>` shows its options to nobody (its context has only getConfiguration(): domain
// and client id), so the audience checked by auth0ProviderOptions() is kept here for
// <PermissionsProvider> to find by client id (unique to one tenant; its custom domain and
// canonical domain name the same tenant, so the domain adds nothing).
export const audiences = new Map<unknown, string>();

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
  audiences.set(rest.clientId, audience);
  return {
    ...rest,
    authorizationParams: { ...rest.authorizationParams, audience, ...(scope ? { scope } : {}) },
  };
}
