import type {
  AppState,
  Auth0VueClient,
  Auth0VueClientOptions,
  LogoutOptions,
} from '@auth0/auth0-vue';
import { type App, watchEffect } from 'vue';
import { Auth0PermissionsError } from '../errors.js';
import { createLive } from '../sources/live.js';
import {
  expectedOf,
  type LiveOptions,
  refuseClientSecret,
  resolveAudience,
} from '../sources/shared.js';
import type { Permissions } from '../types.js';
import { notInstalled } from './context.js';

/** What the plugin builds the instance from, besides the live options. */
export interface FromAuth0VueOptions extends LiveOptions {
  /** Where `logout()` returns to. @default { returnTo: the current page without its query } */
  logoutParams?: LogoutOptions['logoutParams'];
}

// auth0-vue's plugin object keeps createAuth0's options on `clientOptions` (not public API,
// read only to check the audience before any redirect).
type Auth0Vue = Auth0VueClient & {
  clientOptions?: Partial<Auth0VueClientOptions> & { audience?: unknown };
};

/** The one audience of `createAuth0(...)`, where auth0-spa-js 2 reads it, or a coded error. */
function audienceOf({ authorizationParams, audience: topLevel }: Auth0Vue['clientOptions'] = {}) {
  const placed = authorizationParams?.audience;
  const audience = resolveAudience(
    { 'authorizationParams.audience': placed, audience: topLevel },
    'auth0-vue',
  );
  if (!placed)
    throw new Auth0PermissionsError(
      'AUDIENCE_MISPLACED',
      `Put audience '${audience}' in createAuth0's authorizationParams`,
    );
  return audience;
}

/**
 * The live instance over the client that `createAuth0()` installed on `app`: every token
 * request and login carries the audience explicitly; auth0-vue decides who is signed in. After
 * a login or logout made through auth0-vue itself (`loginWithPopup`, `logout({ openUrl: false })`)
 * call the instance's `refresh()`.
 * @throws {Auth0PermissionsError} `ERR_INVALID_OPTIONS` (auth0-vue not installed first),
 * `AUDIENCE_NOT_CONFIGURED`, `AUDIENCE_MISPLACED`, `CLIENT_SECRET_IN_BROWSER`.
 */
export function fromAuth0Vue(
  app: App,
  { logoutParams, ...live }: FromAuth0VueOptions,
): Permissions {
  // A string key, not auth0-vue's injection symbol: nothing of auth0-vue is imported at run time.
  const auth0 = app.config.globalProperties.$auth0 as Auth0Vue | undefined;
  if (!auth0?.getAccessTokenSilently) throw notInstalled('createAuth0()');
  const { clientOptions = {} } = auth0;
  refuseClientSecret(clientOptions);
  const audience = audienceOf(clientOptions);
  const authorizationParams = { audience };
  // Once auth0-vue has handled the redirect callback and checked the session.
  const loaded = new Promise<void>((resolve) => {
    watchEffect(() => auth0.isLoading.value || resolve());
  });

  return createLive({
    ...live,
    expected: expectedOf(audience, clientOptions),
    async getAccessToken({ refresh }) {
      await loaded;
      if (!auth0.isAuthenticated.value) return null;
      return auth0.getAccessTokenSilently({
        cacheMode: refresh ? 'off' : 'on',
        authorizationParams,
      });
    },
    login: () => {
      // After the callback auth0-vue pushes appState.target to the router (if any), else to '/'.
      const router = app.config.globalProperties.$router;
      return auth0.loginWithRedirect({
        authorizationParams,
        appState: { target: router?.currentRoute.value.fullPath } as AppState,
      });
    },
    logout: () =>
      auth0.logout({
        logoutParams: { returnTo: location.origin + location.pathname, ...logoutParams },
      }),
  });
}
