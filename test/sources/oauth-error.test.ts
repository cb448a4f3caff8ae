import {
  AuthenticationError,
  GenericError,
  MissingRefreshTokenError,
  TimeoutError,
} from '@auth0/auth0-spa-js';
import { describe, expect, it } from 'vitest';
import { Auth0PermissionsError } from '../../src/errors.js';
import { toSdkError } from '../../src/internal/oauth-error.js';

const mapped = (error: unknown) => {
  const result = toSdkError(error);
  expect(result.cause).toBe(error);
  return result;
};

describe('toSdkError: auth0-spa-js errors (the real classes)', () => {
  it.each([
    [new GenericError('login_required', 'Login required'), 'LOGIN_REQUIRED'],
    [new GenericError('interaction_required', 'x'), 'LOGIN_REQUIRED'],
    [new GenericError('consent_required', 'Consent required'), 'CONSENT_REQUIRED'],
    [new TimeoutError(), 'TIMEOUT'],
    [new MissingRefreshTokenError('https://api', 'openid'), 'MISSING_REFRESH_TOKEN'],
    [new GenericError('too_many_requests', 'Global limit has been reached'), 'RATE_LIMITED'],
    [
      new GenericError('invalid_grant', 'Unknown or invalid refresh token.'),
      'MISSING_REFRESH_TOKEN',
    ],
    [
      new AuthenticationError('access_denied', 'Service not found: https://typo.example.com', 's'),
      'UNKNOWN_AUDIENCE',
    ],
    [new GenericError('access_denied', 'Access denied by a rule'), 'TOKEN_REQUEST_FAILED'],
    // spa-js's own fetch time-out, and a network failure
    [new Error("Timeout when executing 'fetch'"), 'TIMEOUT'],
    [new TypeError('Failed to fetch'), 'TOKEN_REQUEST_FAILED'],
  ])('%o → %s', (error, code) => {
    expect(mapped(error).code).toBe(code);
  });
});

describe('toSdkError: Lock / auth0-js shapes', () => {
  it('reads { error, errorDescription } (authorization_error)', () => {
    expect(mapped({ error: 'access_denied', errorDescription: 'Service not found: X' }).code).toBe(
      'UNKNOWN_AUDIENCE',
    );
    expect(mapped({ error: 'login_required', error_description: 'Login required' }).code).toBe(
      'LOGIN_REQUIRED',
    );
  });

  it('reads auth0-js wrapped HTTP errors: { code, description, statusCode, original }', () => {
    // What auth0-js's wrapCallback makes of a superagent 429 response.
    const error = {
      original: {
        status: 429,
        response: { statusCode: 429, header: { 'retry-after': '7' } },
      },
      statusCode: 429,
      code: 'too_many_requests',
      description: 'Global limit has been reached',
    };
    expect(mapped(error)).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 7 });
    const bare = { original: { status: 429, response: { status: 429 } }, code: null };
    expect(mapped(bare).code).toBe('RATE_LIMITED');
  });

  it('reads Retry-After as an HTTP date, and from a fetch Response', () => {
    const date = new Date(Date.now() + 3_000).toUTCString();
    const fromDate = mapped({ status: 429, response: { headers: { 'retry-after': date } } });
    expect(fromDate.retryAfter).toBeGreaterThanOrEqual(1);
    expect(fromDate.retryAfter).toBeLessThanOrEqual(3);
    const response = new Response('', { status: 429, headers: { 'Retry-After': '2' } });
    expect(mapped({ status: 429, response })).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 2,
    });
  });

  it('ignores a numeric DOMException code', () => {
    const abort = new DOMException('The operation was aborted', 'AbortError');
    expect(mapped(abort).code).toBe('TOKEN_REQUEST_FAILED');
  });

  it('passes an Auth0PermissionsError through untouched', () => {
    const own = new Auth0PermissionsError('TIMEOUT', 'x');
    expect(toSdkError(own)).toBe(own);
  });
});
