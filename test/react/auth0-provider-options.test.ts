import { describe, expect, it } from 'vitest';
import { auth0ProviderOptions } from '../../src/react/index.js';

const base = { domain: 'example.eu.auth0.com', clientId: 'abc123' };
const AUDIENCE = 'https://reports.example.com';

describe('auth0ProviderOptions', () => {
  it('puts the audience where auth0-spa-js 2 reads it, keeping the other options', () => {
    expect(
      auth0ProviderOptions({
        ...base,
        audience: AUDIENCE,
        scope: 'openid profile read:reports',
        cacheLocation: 'localstorage',
        authorizationParams: { redirect_uri: 'http://localhost:5173' },
      }),
    ).toEqual({
      ...base,
      cacheLocation: 'localstorage',
      authorizationParams: {
        redirect_uri: 'http://localhost:5173',
        audience: AUDIENCE,
        scope: 'openid profile read:reports',
      },
    });
  });

  it('accepts the audience already in authorizationParams', () => {
    expect(
      auth0ProviderOptions({ ...base, authorizationParams: { audience: AUDIENCE } })
        .authorizationParams,
    ).toEqual({ audience: AUDIENCE });
  });

  it('refuses a missing audience, two different ones, and a client secret', () => {
    expect(() => auth0ProviderOptions(base)).toThrow(
      expect.objectContaining({ code: 'AUDIENCE_NOT_CONFIGURED' }),
    );
    expect(() =>
      auth0ProviderOptions({
        ...base,
        audience: AUDIENCE,
        authorizationParams: { audience: 'https://other.example.com' },
      }),
    ).toThrow(expect.objectContaining({ code: 'AUDIENCE_MISPLACED' }));
    expect(() =>
      auth0ProviderOptions({ ...base, audience: AUDIENCE, clientSecret: 's3cret' } as never),
    ).toThrow(expect.objectContaining({ code: 'CLIENT_SECRET_IN_BROWSER' }));
  });
});
