import {
  Auth0Client,
  type Auth0ClientOptions,
  GenericError,
  MissingRefreshTokenError,
} from '@auth0/auth0-spa-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSpaPermissions,
  fromAuth0Client,
  type SpaPermissions,
} from '../../src/sources/spa.js';
import { unsignedToken } from '../support/tokens.js';

const DOMAIN = 'http://localhost:4999';
const CLIENT_ID = 'auth0-permissions-demo';
const AUDIENCE = 'https://reports.example.com';

const jwt = (claims: Record<string, unknown>) => unsignedToken(claims);

const instances: SpaPermissions[] = [];
const live = { diagnostics: false, channel: false, retryDelay: 1 } as const;
function create(options: Partial<Parameters<typeof createSpaPermissions>[0]> = {}) {
  const instance = createSpaPermissions({
    domain: DOMAIN,
    clientId: CLIENT_ID,
    audience: AUDIENCE,
    start: false,
    ...live,
    ...options,
  });
  instances.push(instance);
  return instance;
}

/** The /authorize URL the real client builds, without navigating. */
function captureAuthorizeUrl(client: Auth0Client): Promise<URL> {
  const real = client.loginWithRedirect.bind(client);
  return new Promise((resolve) => {
    vi.spyOn(client, 'loginWithRedirect').mockImplementation((options) =>
      real({ ...options, openUrl: (url: string) => resolve(new URL(url)) }),
    );
  });
}

let fetchSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  history.replaceState(null, '', '/reports/?tab=2');
  sessionStorage.clear();
  fetchSpy = vi.spyOn(globalThis, 'fetch');
});
afterEach(() => {
  for (const instance of instances.splice(0)) instance.destroy();
  vi.restoreAllMocks();
});

describe('createSpaPermissions: configuration refused before any request', () => {
  it('refuses to start without an audience (AUDIENCE_NOT_CONFIGURED)', () => {
    expect(() =>
      createSpaPermissions({ domain: DOMAIN, clientId: CLIENT_ID, ...live } as never),
    ).toThrow(expect.objectContaining({ code: 'AUDIENCE_NOT_CONFIGURED' }));
    expect(() =>
      createSpaPermissions({
        domain: DOMAIN,
        clientId: CLIENT_ID,
        authorizationParams: { audience: '  ' },
        ...live,
      }),
    ).toThrow(expect.objectContaining({ code: 'AUDIENCE_NOT_CONFIGURED' }));
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(location.pathname + location.search).toBe('/reports/?tab=2');
  });

  it('refuses two different audiences (AUDIENCE_MISPLACED)', () => {
    expect(() =>
      create({ authorizationParams: { audience: 'https://other.example.com' } }),
    ).toThrow(expect.objectContaining({ code: 'AUDIENCE_MISPLACED' }));
  });

  it('accepts the same audience in both places, or only in authorizationParams', async () => {
    const both = create({ authorizationParams: { audience: AUDIENCE } });
    const onlyParams = createSpaPermissions({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      authorizationParams: { audience: AUDIENCE },
      start: false,
      ...live,
    });
    instances.push(onlyParams);
    for (const instance of [both, onlyParams]) {
      const url = captureAuthorizeUrl(instance.client);
      await instance.login();
      expect((await url).searchParams.get('audience')).toBe(AUDIENCE);
    }
  });

  it('refuses a client secret (CLIENT_SECRET_IN_BROWSER)', () => {
    expect(() => create({ clientSecret: 's3cret' } as never)).toThrow(
      expect.objectContaining({ code: 'CLIENT_SECRET_IN_BROWSER' }),
    );
    expect(() =>
      create({ authorizationParams: { client_secret: 's3cret' } as Record<string, string> }),
    ).toThrow(expect.objectContaining({ code: 'CLIENT_SECRET_IN_BROWSER' }));
  });

  it('returns at once, loading, with the real client attached', () => {
    const instance = create();
    expect(instance.state).toBe('loading');
    expect(instance.client).toBeInstanceOf(Auth0Client);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('uses the Auth0Client constructor it is given (script-tag builds)', () => {
    const built: Auth0ClientOptions[] = [];
    class Recording extends Auth0Client {
      constructor(options: Auth0ClientOptions) {
        super(options);
        built.push(options);
      }
    }
    create({ Auth0Client: Recording, scope: 'openid read:reports' });
    expect(built).toHaveLength(1);
    expect(built[0]?.authorizationParams).toEqual({
      audience: AUDIENCE,
      scope: 'openid read:reports',
    });
    expect(built[0]).not.toHaveProperty('claim');
    expect(built[0]).not.toHaveProperty('audience');
  });
});

describe('createSpaPermissions: login, tokens, logout', () => {
  it('logs in with the audience, scope, this page as redirect_uri, and returnTo', async () => {
    const instance = create({ scope: 'openid profile read:reports' });
    const url = captureAuthorizeUrl(instance.client);
    await instance.login();
    const params = (await url).searchParams;
    expect(params.get('audience')).toBe(AUDIENCE);
    expect(params.get('scope')).toContain('read:reports');
    expect(params.get('redirect_uri')).toBe(`${location.origin}/reports/`);
    const [key] = Object.keys(sessionStorage);
    expect(JSON.parse(sessionStorage.getItem(key!)!).appState).toEqual({
      returnTo: '/reports/?tab=2',
    });
  });

  it('asks for tokens with the audience; refresh() bypasses the cache', async () => {
    const instance = create();
    const getToken = vi
      .spyOn(instance.client, 'getTokenSilently')
      .mockResolvedValue(jwt({ permissions: ['read:reports'] }) as never);
    await instance.getAccessToken();
    expect(instance.permissions).toEqual(new Set(['read:reports']));
    await instance.refresh();
    expect(getToken.mock.calls.map((call) => call[0])).toEqual([
      { cacheMode: 'on', authorizationParams: { audience: AUDIENCE } },
      { cacheMode: 'off', authorizationParams: { audience: AUDIENCE } },
    ]);
  });

  it('is anonymous on login_required, and never redirects by itself', async () => {
    const instance = create({ start: true });
    vi.spyOn(instance.client, 'getTokenSilently').mockRejectedValue(
      new GenericError('login_required', 'Login required'),
    );
    const login = vi.spyOn(instance.client, 'loginWithRedirect');
    expect((await instance.ready()).state).toBe('anonymous');
    expect(instance.error).toBeUndefined();
    expect(login).not.toHaveBeenCalled();
  });

  it('maps the SDK errors to codes, with the SDK error as cause', async () => {
    const instance = create({ retries: 0 });
    const sdkError = new MissingRefreshTokenError(AUDIENCE, 'openid');
    vi.spyOn(instance.client, 'getTokenSilently').mockRejectedValue(sdkError);
    await instance.refresh();
    expect(instance.state).toBe('error');
    expect(instance.error).toMatchObject({ code: 'MISSING_REFRESH_TOKEN', cause: sdkError });
  });

  it('logout drops every permission before the SDK redirects', async () => {
    const instance = create();
    vi.spyOn(instance.client, 'getTokenSilently').mockResolvedValue(
      jwt({ permissions: ['read:reports', 'delete:reports'] }) as never,
    );
    await instance.refresh();
    expect(instance.permissions.size).toBe(2);
    let seen: unknown;
    const logout = vi.spyOn(instance.client, 'logout').mockImplementation(async () => {
      seen = [instance.state, instance.permissions.size];
    });
    await instance.logout();
    expect(seen).toEqual(['anonymous', 0]);
    expect(logout).toHaveBeenCalledWith({
      logoutParams: { returnTo: `${location.origin}/reports/` },
    });
  });

  it('turns on useRefreshTokensFallback with useRefreshTokens, unless told otherwise', () => {
    const options = (instance: SpaPermissions) =>
      (instance.client as unknown as { options: Auth0ClientOptions }).options;
    expect(options(create({ useRefreshTokens: true })).useRefreshTokensFallback).toBe(true);
    expect(
      options(create({ useRefreshTokens: true, useRefreshTokensFallback: false }))
        .useRefreshTokensFallback,
    ).toBe(false);
    expect(options(create()).useRefreshTokensFallback).toBe(false);
  });
});

describe('the redirect callback', () => {
  /** Starts a real login transaction and returns its state, as Auth0 would echo it. */
  async function startLogin(client: Auth0Client): Promise<string> {
    let state = '';
    await client.loginWithRedirect({
      authorizationParams: { audience: AUDIENCE },
      appState: { returnTo: '/reports/?tab=2#list' },
      openUrl: (url) => {
        state = new URL(url).searchParams.get('state')!;
      },
    });
    return state;
  }

  it('an /authorize error (unknown audience) becomes UNKNOWN_AUDIENCE; the URL is cleaned', async () => {
    const client = new Auth0Client({ domain: DOMAIN, clientId: CLIENT_ID });
    const state = await startLogin(client);
    history.replaceState(
      null,
      '',
      `/reports/?error=access_denied&error_description=${encodeURIComponent('Service not found: https://typo.example.com')}&state=${state}&keep=1`,
    );
    const instance = fromAuth0Client(client, { audience: AUDIENCE, ...live });
    instances.push(instance);
    const snapshot = await instance.ready();
    expect(snapshot.state).toBe('error');
    expect(snapshot.error).toMatchObject({
      code: 'UNKNOWN_AUDIENCE',
      cause: expect.objectContaining({ error: 'access_denied' }),
    });
    expect(location.pathname + location.search + location.hash).toBe('/reports/?tab=2#list');
  });

  it('a stale callback URL (no transaction) is cleaned and ignored', async () => {
    history.replaceState(null, '', '/reports/?code=abc&state=xyz&keep=1#top');
    const instance = create();
    vi.spyOn(instance.client, 'getTokenSilently').mockRejectedValue(
      new GenericError('login_required', 'Login required'),
    );
    expect((await instance.refresh()).state).toBe('anonymous');
    expect(location.pathname + location.search + location.hash).toBe('/reports/?keep=1#top');
  });

  it('handleRedirectCallback: false leaves the URL alone', async () => {
    history.replaceState(null, '', '/reports/?code=abc&state=xyz');
    const instance = create({ handleRedirectCallback: false });
    const callback = vi.spyOn(instance.client, 'handleRedirectCallback');
    vi.spyOn(instance.client, 'getTokenSilently').mockResolvedValue(undefined as never);
    await instance.refresh();
    expect(callback).not.toHaveBeenCalled();
    expect(location.search).toBe('?code=abc&state=xyz');
  });
});

describe('fromAuth0Client', () => {
  it('reads the audience from the client, and refuses a different one', async () => {
    const client = new Auth0Client({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      authorizationParams: { audience: AUDIENCE },
    });
    expect(() => fromAuth0Client(client, { audience: 'https://other', start: false })).toThrow(
      expect.objectContaining({ code: 'AUDIENCE_MISPLACED' }),
    );
    const instance = fromAuth0Client(client, { start: false, ...live });
    instances.push(instance);
    expect(instance.client).toBe(client);
    const url = captureAuthorizeUrl(client);
    await instance.login();
    expect((await url).searchParams.get('audience')).toBe(AUDIENCE);
  });

  it('refuses a client without any audience', () => {
    const client = new Auth0Client({ domain: DOMAIN, clientId: CLIENT_ID });
    expect(() => fromAuth0Client(client)).toThrow(
      expect.objectContaining({ code: 'AUDIENCE_NOT_CONFIGURED' }),
    );
  });

  it('sends its audience even when the client holds a 1.x-style top-level audience', async () => {
    const client = new Auth0Client({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      audience: AUDIENCE,
    } as Auth0ClientOptions);
    const instance = fromAuth0Client(client, { start: false, ...live });
    instances.push(instance);
    const url = captureAuthorizeUrl(client);
    await instance.login();
    expect((await url).searchParams.get('audience')).toBe(AUDIENCE);
  });
});
