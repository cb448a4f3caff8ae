import { useAuth0 } from '@auth0/auth0-react';
import { createElement, type ReactNode, useEffect, useRef, useState } from 'react';
import { createPermissions } from '../permissions.js';
import type { Permissions } from '../types.js';
import { audienceFor, type FromAuth0Options, permissionsFromAuth0 } from './auth0.js';
import { PermissionsContext } from './hooks.js';

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
 * Without `error`: the instance before the effect builds the live one, and on the server (loading,
 * inert). With it: a refused configuration, in `error` at once, whose `login()` rejects.
 */
function inert(error?: unknown): Permissions {
  if (error) console.error(error);
  const never = () => (error ? Promise.reject(error) : new Promise<never>(() => {}));
  return createPermissions({ getAccessToken: never, login: never, start: !!error });
}

function FromAuth0({ children, instance: _, ...options }: PermissionsProviderProps): ReactNode {
  const auth0 = useAuth0();
  const latest = useRef(auth0);
  latest.current = auth0;
  const [placeholder] = useState(inert);
  const [live, setLive] = useState<{ instance: Permissions; start?: () => void }>();
  const signedIn = useRef<boolean | undefined>(undefined);
  const { audience, scope } = options;

  // Built in an effect, not during render: the live instance opens a BroadcastChannel and timers,
  // which a server render or a discarded (StrictMode) render must not leave behind. Rebuilt when
  // the audience or scope changes; the other options are read once, like the adapters' options.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let built: { instance: Permissions; start?: () => void };
    try {
      const read = () => latest.current;
      built = permissionsFromAuth0(read, { ...options, audience: audienceFor(read(), audience) });
    } catch (error) {
      built = { instance: inert(error) };
    }
    signedIn.current = undefined;
    setLive(built);
    return () => built.instance.destroy();
  }, [audience, scope]);

  const { isLoading, isAuthenticated } = auth0;
  useEffect(() => {
    if (!live?.start || isLoading || signedIn.current === isAuthenticated) return;
    const first = signedIn.current === undefined;
    signedIn.current = isAuthenticated;
    // First load from the cache; later a sign-in or sign-out made outside the instance
    // (loginWithPopup, useAuth0().logout) brings a fresh token or drops the permissions.
    if (first) live.start();
    else void live.instance.refresh();
  }, [live, isLoading, isAuthenticated]);

  return createElement(
    PermissionsContext.Provider,
    { value: live?.instance ?? placeholder },
    children,
  );
}
