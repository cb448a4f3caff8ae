// @vitest-environment node
// One table of every error shape met from Auth0 and its SDKs, fed to the live instance
// (createPermissions and the adapters' createLive), to diagnose() and to `doctor --json`:
// the three must name the same code (src/internal/oauth-error.ts is the one classifier).
import {
  AuthenticationError,
  GenericError,
  MfaRequiredError,
  MissingRefreshTokenError,
  TimeoutError,
} from '@auth0/auth0-spa-js';
import { afterEach, describe, expect, it } from 'vitest';
import { main as doctorMain } from '../../cli/doctor.js';
import { diagnose } from '../../src/diagnose/index.js';
import { Auth0PermissionsError } from '../../src/errors.js';
import { createPermissions } from '../../src/permissions.js';
import { createLive } from '../../src/sources/live.js';
import { createSpaPermissions } from '../../src/sources/spa.js';
import type { Finding, Permissions } from '../../src/types.js';
import { run } from '../cli/run.js';

interface Shape {
  name: string;
  /** What the SDK throws (or, for a string, the callback URL the page lands on). */
  error: unknown;
  /** Its JSON form for `doctor`, when JSON.stringify loses fields (Error messages, causes). */
  json?: unknown;
  /** The code everywhere; `TOKEN_REQUEST_FAILED` has no finding (nothing is explained). */
  code: string;
}

const SERVICE = 'Service not found: https://api.exmaple.com';
const superagent429 = {
  original: { status: 429, response: { statusCode: 429, header: { 'retry-after': '7' } } },
  statusCode: 429,
  code: 'too_many_requests',
  description: 'Global limit has been reached',
};
const wrapped = new Error('token request failed', {
  cause: { error: 'consent_required', error_description: 'Consent required' },
});
const own = new Auth0PermissionsError('RATE_LIMITED', 'RATE_LIMITED: slow down', {
  cause: { status: 429 },
  retryAfter: 3,
});

const SHAPES: Shape[] = [
  {
    name: 'spa-js login_required',
    error: new GenericError('login_required', 'Login required'),
    code: 'LOGIN_REQUIRED',
  },
  {
    name: 'spa-js interaction_required',
    error: new GenericError('interaction_required', 'x'),
    code: 'LOGIN_REQUIRED',
  },
  {
    name: 'spa-js MfaRequiredError',
    error: new MfaRequiredError(
      'mfa_required',
      'Multifactor authentication required',
      'mfa-token',
      { challenge: [{ type: 'otp' }] },
    ),
    code: 'LOGIN_REQUIRED',
  },
  {
    name: 'spa-js consent_required',
    error: new GenericError('consent_required', 'Consent required'),
    code: 'CONSENT_REQUIRED',
  },
  { name: 'spa-js TimeoutError', error: new TimeoutError(), code: 'TIMEOUT' },
  {
    name: 'spa-js fetch time-out (a plain Error)',
    error: new Error("Timeout when executing 'fetch'"),
    json: { name: 'Error', message: "Timeout when executing 'fetch'" },
    code: 'TIMEOUT',
  },
  {
    name: '"request timed out"',
    error: new Error('request timed out'),
    json: { name: 'Error', message: 'request timed out' },
    code: 'TIMEOUT',
  },
  {
    name: 'OAuth timeout',
    error: { error: 'timeout', error_description: 'Timeout' },
    code: 'TIMEOUT',
  },
  {
    name: 'spa-js MissingRefreshTokenError',
    error: new MissingRefreshTokenError('https://api.example.com', 'openid'),
    code: 'MISSING_REFRESH_TOKEN',
  },
  {
    name: 'invalid_grant: Unknown or invalid refresh token.',
    error: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' },
    code: 'MISSING_REFRESH_TOKEN',
  },
  {
    name: 'too_many_requests: Global limit has been reached',
    error: new GenericError('too_many_requests', 'Global limit has been reached'),
    code: 'RATE_LIMITED',
  },
  {
    name: '"Global limit has been reached" without an error code',
    error: { error: 'access_denied', error_description: 'Global limit has been reached' },
    code: 'RATE_LIMITED',
  },
  { name: 'HTTP 429 alone', error: { status: 429 }, code: 'RATE_LIMITED' },
  { name: 'Lock superagent 429 with Retry-After', error: superagent429, code: 'RATE_LIMITED' },
  {
    name: 'Lock superagent 429, bare',
    error: { original: { status: 429, response: { status: 429 } }, code: null },
    code: 'RATE_LIMITED',
  },
  {
    name: 'spa-js AuthenticationError: Service not found',
    error: new AuthenticationError('access_denied', SERVICE, 'state'),
    code: 'UNKNOWN_AUDIENCE',
  },
  {
    name: 'Lock authorization_error: Service not found',
    error: { error: 'access_denied', errorDescription: SERVICE },
    code: 'UNKNOWN_AUDIENCE',
  },
  {
    name: '/authorize callback URL: Service not found',
    error: `https://app.example.com/callback?error=access_denied&error_description=${encodeURIComponent(SERVICE)}&state=s`,
    code: 'UNKNOWN_AUDIENCE',
  },
  {
    name: '/authorize callback fragment: login_required',
    error: '#error=login_required&error_description=Login%20required&state=s',
    code: 'LOGIN_REQUIRED',
  },
  {
    name: 'The generated token is too large',
    error: {
      error: 'access_denied',
      error_description: 'The generated token is too large. Try with more specific scopes.',
    },
    code: 'GENERATED_TOKEN_TOO_LARGE',
  },
  {
    name: "jose's ERR_JWT_EXPIRED",
    error: Object.assign(new Error('"exp" claim timestamp check failed'), {
      code: 'ERR_JWT_EXPIRED',
      name: 'JWTExpired',
    }),
    json: {
      code: 'ERR_JWT_EXPIRED',
      name: 'JWTExpired',
      message: '"exp" claim timestamp check failed',
    },
    code: 'TOKEN_EXPIRED',
  },
  {
    name: 'an Error wrapping an OAuth error as cause',
    error: wrapped,
    json: { name: 'Error', message: 'token request failed', cause: { error: 'consent_required' } },
    code: 'CONSENT_REQUIRED',
  },
  { name: "this library's own error, with cause", error: own, code: 'RATE_LIMITED' },
  {
    name: 'an unknown OAuth error',
    error: { error: 'access_denied', error_description: 'Denied by a rule' },
    code: 'TOKEN_REQUEST_FAILED',
  },
  {
    name: 'a network failure',
    error: new TypeError('Failed to fetch'),
    json: { name: 'TypeError', message: 'Failed to fetch' },
    code: 'TOKEN_REQUEST_FAILED',
  },
];

/** What the SDK throws for a callback URL: its query parameters as an object. */
const thrown = (error: unknown) =>
  typeof error === 'string'
    ? Object.fromEntries(new URLSearchParams(error.replace(/^[^?#]*[?#]/, '')))
    : error;

/** The code a live instance shows: `LOGIN_REQUIRED` is the anonymous state, without error. */
const codeOf = (instance: Permissions) =>
  instance.state === 'anonymous' ? 'LOGIN_REQUIRED' : instance.error?.code;
/** The code of the findings; none for an error nothing explains. */
const findingCode = (findings: Finding[]) => findings[0]?.code ?? 'TOKEN_REQUEST_FAILED';

const instances: Permissions[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.destroy();
});

describe('one error, one code: the instance, the adapters, diagnose()', () => {
  it.each(SHAPES)('$name → $code', async ({ error, code }) => {
    const getAccessToken = () => Promise.reject(thrown(error));
    const core = createPermissions({ getAccessToken });
    const live = createLive({ getAccessToken, retries: 0, diagnostics: false, channel: false });
    instances.push(core, live);
    await Promise.all([core.ready(), live.ready()]);
    expect(codeOf(core)).toBe(code);
    expect(codeOf(live)).toBe(code);
    expect(findingCode(diagnose(error))).toBe(code);
    // What instance.diagnose() explains: the instance's error (LOGIN_REQUIRED has none).
    if (live.error) expect(findingCode(diagnose(live.error))).toBe(code);
  });

  it('an AUDIENCE_MISPLACED thrown for two audiences is explained as two audiences', () => {
    let caught: unknown;
    try {
      createSpaPermissions({
        domain: 'tenant.eu.auth0.com',
        clientId: 'c',
        audience: 'https://a.example.com',
        authorizationParams: { audience: 'https://b.example.com' },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'AUDIENCE_MISPLACED',
      audiences: {
        audience: 'https://a.example.com',
        'authorizationParams.audience': 'https://b.example.com',
      },
    });
    const [found] = diagnose(caught);
    expect(found?.code).toBe('AUDIENCE_MISPLACED');
    expect(found?.message).toContain("audience = 'https://a.example.com'");
    expect(found?.message).toContain("authorizationParams.audience = 'https://b.example.com'");
    expect(found?.message).not.toContain('ignores');
    // Its JSON (as pasted into doctor) says the same.
    expect(diagnose(JSON.parse(JSON.stringify(caught)))[0]?.message).toBe(found?.message);
  });
});

/** `doctor --json` in-process (cli/doctor.js reads the built dist/). */
async function doctor(stdin: string): Promise<{ findings: Finding[] }> {
  const result = await run(doctorMain, ['--json'], stdin);
  return JSON.parse(result.stdout);
}

describe('one error, one code: doctor --json', () => {
  it('names the same code as diagnose() for every shape', async () => {
    const codes = await Promise.all(
      SHAPES.map(async ({ error, json }) => {
        const input = typeof error === 'string' ? error : JSON.stringify(json ?? error);
        return findingCode((await doctor(input)).findings);
      }),
    );
    expect(codes).toEqual(SHAPES.map((s) => s.code));
  });
});

describe('one secret finder: the adapters refuse what diagnose() flags', () => {
  it.each([
    [{ clientSecret: 's' }, 'clientSecret'],
    [{ authorizationParams: { client_secret: 's' } }, 'authorizationParams.client_secret'],
    [
      { authorizationParams: { a: { b: { clientSecret: 's' } } } },
      'authorizationParams.a.b.clientSecret',
    ],
  ])('%j', (extra, path) => {
    const options = {
      domain: 'tenant.eu.auth0.com',
      clientId: 'c',
      audience: 'https://api',
      ...extra,
    };
    expect(() => createSpaPermissions(options)).toThrow(
      expect.objectContaining({
        code: 'CLIENT_SECRET_IN_BROWSER',
        message: expect.stringContaining(path),
      }),
    );
    expect(diagnose(options)[0]).toMatchObject({
      code: 'CLIENT_SECRET_IN_BROWSER',
      evidence: { option: path },
    });
  });
});
