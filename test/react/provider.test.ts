import { Auth0Context, type Auth0ContextInterface } from '@auth0/auth0-react';
import { act, cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  auth0ProviderOptions,
  PermissionsProvider,
  usePermissions,
} from '../../src/react/index.js';
import { unsignedToken } from '../support/tokens.js';

/**
 * <PermissionsProvider> over what useAuth0() gives, in happy-dom: auth0-react's context carries a
 * hand-made value, so each step of auth0-react's state (loading, signed in, signed out from
 * outside the instance) is set by the test. The same path with the real auth0-react, auth0-spa-js
 * and the stand-in tenant runs in Chromium (test/browser/react.test.ts).
 */

const AUDIENCE = 'https://reports.example.com';
const configuration = { domain: 'example.eu.auth0.com', clientId: 'provider-test' };

function auth0(state: { isLoading: boolean; isAuthenticated: boolean }) {
  return {
    ...state,
    error: undefined,
    getConfiguration: () => configuration,
    getAccessTokenSilently: vi.fn(async () => unsignedToken({ permissions: ['read:reports'] })),
    loginWithRedirect: vi.fn(async () => {}),
    logout: vi.fn(async () => {}),
  };
}

function page(first: ReturnType<typeof auth0>, props: Record<string, unknown> = {}) {
  let seen: ReturnType<typeof usePermissions> | undefined;
  const Probe = () => {
    seen = usePermissions();
    return null;
  };
  const tree = (value: ReturnType<typeof auth0>) =>
    createElement(
      Auth0Context.Provider,
      { value: value as unknown as Auth0ContextInterface },
      createElement(PermissionsProvider, { channel: false, ...props }, createElement(Probe)),
    );
  const { rerender } = render(tree(first));
  return {
    seen: () => seen,
    /** auth0-react's next state; its methods stay the same functions, as auth0-react's do. */
    next: (state: { isLoading: boolean; isAuthenticated: boolean }) =>
      act(async () => rerender(tree({ ...first, ...state }))),
  };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('<PermissionsProvider> inside <Auth0Provider>', () => {
  it('asks no token while auth0-react loads, then one with the audience from the cache', async () => {
    const first = auth0({ isLoading: true, isAuthenticated: false });
    const { seen, next } = page(first, { audience: AUDIENCE });
    await act(async () => {});
    expect(seen()?.state).toBe('loading');
    expect(first.getAccessTokenSilently).not.toHaveBeenCalled();
    await next({ isLoading: false, isAuthenticated: true });
    await vi.waitFor(() => expect(seen()?.state).toBe('authenticated'));
    expect([...(seen()?.permissions ?? [])]).toEqual(['read:reports']);
    expect(first.getAccessTokenSilently).toHaveBeenCalledTimes(1);
    expect(first.getAccessTokenSilently).toHaveBeenCalledWith({
      cacheMode: 'on',
      authorizationParams: { audience: AUDIENCE },
    });
  });

  it('follows a sign-out and a sign-in made outside the instance (useAuth0().logout, loginWithPopup)', async () => {
    const first = auth0({ isLoading: false, isAuthenticated: true });
    const { seen, next } = page(first, { audience: AUDIENCE });
    await vi.waitFor(() => expect(seen()?.state).toBe('authenticated'));
    await next({ isLoading: false, isAuthenticated: false });
    await vi.waitFor(() => expect(seen()?.state).toBe('anonymous'));
    await next({ isLoading: true, isAuthenticated: false }); // loginWithPopup under way
    await next({ isLoading: false, isAuthenticated: true });
    await vi.waitFor(() => expect(seen()?.state).toBe('authenticated'));
    // The sign-in is a new session: its token is fetched, not read from the cache.
    expect(first.getAccessTokenSilently).toHaveBeenLastCalledWith({
      cacheMode: 'off',
      authorizationParams: { audience: AUDIENCE },
    });
  });

  it('finds the audience given to auth0ProviderOptions for the same client', async () => {
    auth0ProviderOptions({ ...configuration, audience: AUDIENCE });
    const first = auth0({ isLoading: false, isAuthenticated: true });
    const { seen } = page(first);
    await vi.waitFor(() => expect(seen()?.state).toBe('authenticated'));
    expect(first.getAccessTokenSilently).toHaveBeenCalledWith({
      cacheMode: 'on',
      authorizationParams: { audience: AUDIENCE },
    });
  });

  it('refuses a second, different audience before asking for any token', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    auth0ProviderOptions({ ...configuration, audience: AUDIENCE });
    const first = auth0({ isLoading: false, isAuthenticated: true });
    const { seen } = page(first, { audience: 'https://other.example.com' });
    await vi.waitFor(() => expect(seen()?.state).toBe('error'));
    expect(seen()?.error?.code).toBe('AUDIENCE_MISPLACED');
    expect(first.getAccessTokenSilently).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalled();
  });
});
