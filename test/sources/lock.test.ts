import { EventEmitter } from 'node:events';
import type { Auth0Lock } from 'auth0-lock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fromLock,
  type LockAuthResult,
  type LockLike,
  lockOptions,
} from '../../src/sources/lock.js';
import { unsignedToken } from '../support/tokens.js';

const AUDIENCE = 'https://reports.example.com';
const STAND_IN = 'http://localhost:4999';
const TENANT = 'example.eu.auth0.com';

describe('lockOptions', () => {
  it.each([
    ['top level', { audience: AUDIENCE }],
    ['auth', { auth: { audience: AUDIENCE } }],
    ['auth.params', { auth: { params: { audience: AUDIENCE } } }],
    [
      'everywhere, same value',
      { audience: AUDIENCE, auth: { audience: AUDIENCE, params: { audience: AUDIENCE } } },
    ],
  ])(
    'takes the audience from %s and puts it in auth.audience and auth.params.audience',
    (_, input) => {
      const options = lockOptions({ domain: TENANT, ...input });
      expect(options.auth.audience).toBe(AUDIENCE);
      expect(options.auth.params.audience).toBe(AUDIENCE);
      expect(options.auth.responseType).toBe('token id_token');
      expect(options).not.toHaveProperty('audience');
      expect(options).not.toHaveProperty('domain');
    },
  );

  it('refuses no audience, or two different ones, or a client secret', () => {
    expect(() => lockOptions({ domain: TENANT })).toThrow(
      expect.objectContaining({ code: 'AUDIENCE_NOT_CONFIGURED' }),
    );
    expect(() =>
      lockOptions({
        domain: TENANT,
        audience: AUDIENCE,
        auth: { params: { audience: 'https://x' } },
      }),
    ).toThrow(expect.objectContaining({ code: 'AUDIENCE_MISPLACED' }));
    expect(() =>
      lockOptions({ domain: TENANT, audience: AUDIENCE, auth: { params: { client_secret: 'x' } } }),
    ).toThrow(expect.objectContaining({ code: 'CLIENT_SECRET_IN_BROWSER' }));
  });

  it('keeps the caller options, puts the scope in auth.params, replaces a code response type', () => {
    const options = lockOptions({
      domain: TENANT,
      audience: AUDIENCE,
      scope: 'openid read:reports',
      allowSignUp: false,
      auth: {
        redirectUrl: 'https://app.example.com/',
        responseType: 'code',
        params: { prompt: 'login' },
      },
    });
    expect(options).toEqual({
      allowSignUp: false,
      auth: {
        audience: AUDIENCE,
        redirectUrl: 'https://app.example.com/',
        responseType: 'token id_token',
        params: { prompt: 'login', audience: AUDIENCE, scope: 'openid read:reports' },
      },
    });
  });

  it('keeps a response type that yields an access token', () => {
    const options = lockOptions({
      domain: TENANT,
      audience: AUDIENCE,
      auth: { responseType: 'token' },
    });
    expect(options.auth.responseType).toBe('token');
  });

  it('points Lock at a non-Auth0 host (an http:// stand-in) for config, language and issuer', () => {
    const options = lockOptions({
      domain: `${STAND_IN}/`,
      audience: AUDIENCE,
      theme: { primaryColor: '#123' },
    });
    expect(options).toMatchObject({
      configurationBaseUrl: STAND_IN,
      languageBaseUrl: STAND_IN,
      avatar: null,
      overrides: { __token_issuer: `${STAND_IN}/` },
      theme: { primaryColor: '#123', logo: expect.stringMatching(/^data:image\//) },
    });
  });

  it('leaves an Auth0 domain to Lock defaults', () => {
    const options = lockOptions({ domain: TENANT, audience: AUDIENCE });
    for (const key of ['configurationBaseUrl', 'languageBaseUrl', 'overrides', 'theme', 'avatar'])
      expect(options).not.toHaveProperty(key);
  });

  it('fits the real Lock types', () => {
    const accept = (_lock: LockLike) => {};
    // Type-level only: a real Auth0Lock instance is a LockLike.
    const typed = (lock: InstanceType<typeof Auth0Lock>) => accept(lock);
    expect(typed).toBeTypeOf('function');
  });
});

/**
 * The adapter's wiring over Lock's event and callback contract. Lock itself is driven in the
 * browser tests (test/browser/lock.test.ts); this stand-in only emits what Lock emits.
 */
class LockEvents extends EventEmitter implements LockLike {
  sessions: Record<string, unknown>[] = [];
  shown: unknown[] = [];
  loggedOut: unknown[] = [];
  answer: (callback: (error: unknown, result?: LockAuthResult) => void) => void = (callback) =>
    callback({ error: 'login_required', error_description: 'Login required' });
  checkSession(
    options: Record<string, unknown>,
    callback: (e: unknown, r?: LockAuthResult) => void,
  ) {
    this.sessions.push(options);
    this.answer(callback);
  }
  show(options?: Record<string, unknown>) {
    this.shown.push(options);
  }
  logout(options: Record<string, unknown>) {
    this.loggedOut.push(options);
  }
}

const jwt = (permissions: string[]) => unsignedToken({ permissions });
const live = { diagnostics: false, channel: false, retryDelay: 1 } as const;

describe('fromLock', () => {
  const made: { destroy(): void }[] = [];
  afterEach(() => {
    for (const instance of made.splice(0)) instance.destroy();
    history.replaceState(null, '', '/');
  });

  it('checks the session at load with the audience, scope and token response type', async () => {
    const lock = new LockEvents();
    const instance = fromLock(lock, { audience: AUDIENCE, ...live });
    made.push(instance);
    expect((await instance.ready()).state).toBe('anonymous');
    expect(lock.sessions).toEqual([
      {
        audience: AUDIENCE,
        scope: 'openid profile email',
        responseType: 'token id_token',
        timeout: 20_000,
      },
    ]);
  });

  it('waits for Lock to parse a login in the URL hash', async () => {
    history.replaceState(null, '', '/#access_token=x&id_token=y&state=z');
    const lock = new LockEvents();
    const instance = fromLock(lock, { audience: AUDIENCE, ...live });
    made.push(instance);
    setTimeout(() =>
      lock.emit('authenticated', { accessToken: jwt(['read:reports']), expiresIn: 3600 }),
    );
    expect((await instance.ready()).permissions).toEqual(new Set(['read:reports']));
    expect(lock.sessions).toEqual([]);
  });

  it('maps authorization_error to the instance error, with the Lock error as cause', async () => {
    history.replaceState(null, '', '/#error=access_denied&state=z');
    const lock = new LockEvents();
    const instance = fromLock(lock, { audience: AUDIENCE, ...live });
    made.push(instance);
    const lockError = {
      error: 'access_denied',
      errorDescription: 'Service not found: https://typo',
    };
    setTimeout(() => lock.emit('authorization_error', lockError));
    const { state, error } = await instance.ready();
    expect(state).toBe('error');
    expect(error).toMatchObject({ code: 'UNKNOWN_AUDIENCE', cause: lockError });
  });

  it('follows a later authenticated event, and show() keeps the audience', async () => {
    const lock = new LockEvents();
    const instance = fromLock(lock, { audience: AUDIENCE, scope: 'openid read:reports', ...live });
    made.push(instance);
    await instance.ready();
    instance.show({ auth: { params: { prompt: 'login' } }, allowSignUp: false });
    expect(lock.shown).toEqual([
      {
        allowSignUp: false,
        auth: { params: { prompt: 'login', audience: AUDIENCE, scope: 'openid read:reports' } },
      },
    ]);
    const changed = new Promise((resolve) => instance.subscribe(resolve));
    lock.emit('authenticated', {
      accessToken: jwt(['read:reports', 'delete:reports']),
      expiresIn: 3600,
    });
    await changed;
    expect(instance.state).toBe('authenticated');
    expect(instance.permissions.size).toBe(2);
    await instance.logout();
    expect(instance.permissions.size).toBe(0);
    expect(lock.loggedOut).toEqual([{ returnTo: `${location.origin}/` }]);
  });

  it('refuses to start without an audience', () => {
    expect(() => fromLock(new LockEvents(), {} as never)).toThrow(
      expect.objectContaining({ code: 'AUDIENCE_NOT_CONFIGURED' }),
    );
  });
});
