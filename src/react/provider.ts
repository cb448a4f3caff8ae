import { useAuth0 } from '@auth0/auth0-react';
import { createElement, type ReactNode, useEffect, useRef, useState } from 'react';
import { createPermissions } from '../permissions.js';
import { createLive } from '../sources/live.js';
import { expectedOf, resolveAudience } from '../sources/shared.js';
import type { Permissions } from '../types.js';
import { audiences, type FromAuth0Options } from './auth0.js';
import { notAbove, PermissionsContext } from './hooks.js';

/** Props of {@link PermissionsProvider}. */
export interface PermissionsProviderProps extends Partial<FromAuth0Options> {
  /**
   * An instance the app already has (`createSpaPermissions`, `fromLock`, `createPermissions`):
   * then no `<Auth0Provider>` is needed and the other props are ignored.
   */
  instance?: Permissions;
  children?: ReactNode;
}

/**
 * Gives its children the live permission set. Inside `<Auth0Provider>`, it builds it from
 * `useAuth0()`: waits while auth0-react loads, asks no token while nobody is signed in, and sends
 * the audience with every token request and login. The audience comes from the `audience` prop or
 * from {@link auth0ProviderOptions}; without one (or with two different ones) the permissions end
 * in `error` with `AUDIENCE_NOT_CONFIGURED` (`AUDIENCE_MISPLACED`) before any request, and
 * `login()` refuses to redirect.
 *
 * @example
 * <Auth0Provider domain={domain} clientId={clientId} authorizationParams={{ audience, redirect_uri: location.origin }}>
 *   <PermissionsProvider audience={audience}>
 *     <App />
 *   </PermissionsProvider>
 * </Auth0Provider>
 * @example
 * <PermissionsProvider instance={createSpaPermissions({ domain, clientId, audience })}>
 */
export function PermissionsProvider(props: PermissionsProviderProps): ReactNode {
  return props.instance
    ? createElement(PermissionsContext.Provider, { value: props.instance }, props.children)
    : createElement(FromAuth0, props);
}

/**
 * Without `error`: the instance before the effect builds the live one, and on the server: its
 * token never comes, so it stays loading. With it: a refused configuration, in `error` at once,
 * whose `login()` rejects.
 */
function inert(error?: unknown): Permissions {
  if (error) console.error(error);
  const never = () => (error ? Promise.reject(error) : new Promise<never>(() => {}));
  return createPermissions({ getAccessToken: never, login: never });
}

/** A promise and the function that resolves it. */
function deferred(): [Promise<unknown>, (value?: unknown) => void] {
  let resolve!: (value?: unknown) => void;
  return [new Promise((r) => (resolve = r)), resolve];
}

function FromAuth0({
  children,
  audience: ours,
  scope,
  logoutParams,
  ...live
}: PermissionsProviderProps): ReactNode {
  const auth0 = useAuth0();
  const latest = useRef(auth0);
  latest.current = auth0;
  // Resolved once auth0-react has handled the redirect callback and checked the session: no
  // token is asked for before.
  const [[loaded, load]] = useState(deferred);
  // A stand-in (loading, inert) until the effect builds the live instance, and on the server.
  const [instance, setInstance] = useState(inert);
  const signedIn = useRef<boolean>(undefined);

  // Built in an effect, not during render: the live instance opens a BroadcastChannel and timers,
  // which a server render or a discarded (StrictMode) render must not leave behind. Rebuilt when
  // the audience or scope changes; the other options are read once, like the adapters' options.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let built: Permissions;
    let configuration: { domain: string; clientId: string } | undefined;
    try {
      configuration = auth0.getConfiguration();
      const audience = resolveAudience(
        { audience: ours, auth0ProviderOptions: audiences.get(configuration.clientId) },
        'auth0-react',
      );
      // Every token request and login carries the audience (and scope) explicitly.
      const authorizationParams = { audience, ...(scope ? { scope } : {}) };
      built = createLive({
        ...live,
        expected: expectedOf(audience, configuration),
        async getAccessToken({ refresh }) {
          await loaded;
          const now = latest.current;
          if (now.isAuthenticated)
            return now.getAccessTokenSilently({
              cacheMode: refresh ? 'off' : 'on',
              authorizationParams,
            });
          // A failed redirect login (an unknown audience…) leaves its error here: explain it.
          if (now.error) throw now.error;
          return null;
        },
        login: () =>
          latest.current.loginWithRedirect({
            authorizationParams,
            appState: { returnTo: location.href.slice(location.origin.length) },
          }),
        logout: () =>
          latest.current.logout({
            logoutParams: { returnTo: location.origin + location.pathname, ...logoutParams },
          }),
      });
    } catch (error) {
      // Outside <Auth0Provider>, auth0-react's stand-in getConfiguration() throws.
      built = inert(configuration ? error : notAbove('Auth0Provider', error));
    }
    setInstance(built);
    return () => built.destroy();
  }, [ours, scope]);

  const { isLoading, isAuthenticated } = auth0;
  useEffect(() => {
    if (isLoading) return;
    load();
    // After the first load, a sign-in or sign-out made outside the instance (loginWithPopup,
    // useAuth0().logout) brings a fresh token or drops the permissions.
    if ((signedIn.current ?? isAuthenticated) !== isAuthenticated) void instance.refresh();
    signedIn.current = isAuthenticated;
  }, [instance, load, isLoading, isAuthenticated]);

  return createElement(PermissionsContext.Provider, { value: instance }, children);
}
