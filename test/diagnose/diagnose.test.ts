import {
  GenericError,
  MissingRefreshTokenError,
  PopupTimeoutError,
  TimeoutError,
} from '@auth0/auth0-spa-js';
import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_CODES } from '../../src/diagnose/codes.js';
import { diagnose } from '../../src/diagnose/index.js';
import { Auth0PermissionsError } from '../../src/errors.js';
import { toAuth0PermissionsError, toSdkError } from '../../src/internal/oauth-error.js';
import { lockOptions } from '../../src/sources/lock.js';
import type { Finding } from '../../src/types.js';
import { API, buildCases, DESIGN_CODES, EXPECTED } from './cases.js';

const cases = await buildCases();
const codes = (findings: Finding[]) => findings.map((f) => f.code);

describe('diagnose(): the shared table', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const findings = diagnose(c.input, c.expected);
    expect(codes(findings)).toEqual(c.codes);
    for (const f of findings) {
      expect(f.message).toMatch(/^\S.*[.)]$/);
      expect(f.message).not.toContain('\n');
      expect(f.fix.length).toBeGreaterThan(10);
      expect(['error', 'warning', 'info']).toContain(f.severity);
    }
  });

  it('produces every DESIGN.md code, and no other', () => {
    const seen = new Set(cases.flatMap((c) => codes(diagnose(c.input, c.expected))));
    expect([...DESIGN_CODES].filter((code) => !seen.has(code))).toEqual([]);
    expect([...seen].filter((code) => !(DESIGN_CODES as readonly string[]).includes(code))).toEqual(
      [],
    );
  });

  it("gives each code the severity of the docs' table (src/diagnose/codes.ts)", () => {
    // Over 8 KB a warning; over the 1 MiB limit an error (the token is refused unread).
    for (const c of cases)
      for (const f of diagnose(c.input, c.expected))
        if (f.code !== 'TOKEN_TOO_LARGE') expect(f.severity).toBe(DIAGNOSIS_CODES[f.code].severity);
  });

  it('raises no error or warning on a healthy token (no false alarms)', () => {
    for (const c of cases.filter((c) => c.codes.length === 0))
      expect(diagnose(c.input, c.expected).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('never puts a token or its signature in the evidence', () => {
    for (const c of cases) {
      if (typeof c.input !== 'string' || c.input.split('.').length !== 3) continue;
      const out = JSON.stringify(diagnose(c.input, c.expected));
      const signature = c.input.split('.')[2] ?? '';
      if (signature.length > 20) expect(out).not.toContain(signature);
    }
  });

  it('never throws, whatever the input', () => {
    for (const input of [
      0,
      42,
      true,
      Symbol('x'),
      [],
      [1],
      () => 1,
      new Map(),
      Object.create(null),
    ])
      expect(() => diagnose(input, EXPECTED)).not.toThrow();
    expect(codes(diagnose(42))).toEqual(['MALFORMED_TOKEN']);
  });
});

describe('diagnose(): errors the SDKs throw', () => {
  it.each([
    [
      'auth0-spa-js GenericError login_required',
      new GenericError('login_required', 'Login required'),
      'LOGIN_REQUIRED',
    ],
    [
      'auth0-spa-js GenericError consent_required',
      new GenericError('consent_required', 'Consent required'),
      'CONSENT_REQUIRED',
    ],
    [
      'auth0-spa-js GenericError Service not found',
      new GenericError('access_denied', `Service not found: ${API}x`),
      'UNKNOWN_AUDIENCE',
    ],
    ['auth0-spa-js TimeoutError', new TimeoutError(), 'TIMEOUT'],
    ['auth0-spa-js PopupTimeoutError', new PopupTimeoutError({} as Window), 'TIMEOUT'],
    [
      'auth0-spa-js MissingRefreshTokenError',
      new MissingRefreshTokenError(API, 'openid'),
      'MISSING_REFRESH_TOKEN',
    ],
    ['plain Error "Too Many Requests"', new Error('Too Many Requests'), 'RATE_LIMITED'],
    [
      'Auth0PermissionsError wrapping consent_required',
      toAuth0PermissionsError(new GenericError('consent_required', 'Consent required')),
      'CONSENT_REQUIRED',
    ],
    [
      'Auth0PermissionsError wrapping a 429',
      toAuth0PermissionsError({ status: 429, message: 'Too Many Requests' }),
      'RATE_LIMITED',
    ],
    [
      'Auth0PermissionsError TOKEN_EXPIRED without cause',
      new Auth0PermissionsError('TOKEN_EXPIRED', 'The access token has expired'),
      'TOKEN_EXPIRED',
    ],
    [
      'Auth0PermissionsError from another copy (name + code only)',
      Object.assign(new Error('x'), {
        name: 'Auth0PermissionsError',
        code: 'GENERATED_TOKEN_TOO_LARGE',
      }),
      'GENERATED_TOKEN_TOO_LARGE',
    ],
  ])('%s', (_name, error, code) => {
    expect(codes(diagnose(error))).toEqual([code]);
  });

  it('keeps the unknown audience and Retry-After as evidence', () => {
    const [unknown] = diagnose(
      `?error=access_denied&error_description=Service%20not%20found%3A%20https%3A%2F%2Fapi.exmaple.com`,
    );
    expect(unknown?.evidence).toMatchObject({
      error: 'access_denied',
      audience: 'https://api.exmaple.com',
    });
    const [limited] = diagnose({ status: 429, retryAfter: 3 });
    expect(limited?.evidence).toMatchObject({ retryAfter: 3 });
  });

  it('keeps the Retry-After this library read from the response', () => {
    const error = toSdkError({ status: 429, headers: { 'retry-after': '7' } });
    expect(error.retryAfter).toBe(7);
    expect(diagnose(error)[0]?.evidence).toMatchObject({ retryAfter: 7 });
  });

  it('explains nothing for an error it does not know', () => {
    expect(
      diagnose({ error: 'access_denied', error_description: 'Access denied by a rule' }),
    ).toEqual([]);
  });
});

describe('diagnose(): what the findings say', () => {
  it('finds nothing wrong with the options lockOptions() builds', () => {
    const options = lockOptions({
      domain: 'tenant.eu.auth0.com',
      clientId: 'c',
      audience: API,
      auth: { redirectUrl: 'https://app.example.com/' },
    });
    expect(diagnose(options)).toEqual([]);
  });

  it('tells the toggle from RBAC only when it can, and says so', () => {
    const claims = { aud: API, scope: 'openid read:reports' };
    const [unsure] = diagnose(claims, { audience: API });
    expect(unsure?.message).toMatch(/either .* or RBAC is off/);
    expect(unsure?.fix).toContain('"Add Permissions in the Access Token"');
    const withScope = (scope: string) => ({ audience: API, scope }) as never;
    expect(diagnose(claims, withScope('openid read:reports'))[0]?.message).toMatch(
      /RBAC looks off/,
    );
    expect(diagnose(claims, withScope('openid read:reports delete:reports'))[0]?.message).toMatch(
      /toggle|"Add Permissions in the Access Token" is off/,
    );
  });

  it('names the claim option for a namespaced claim', () => {
    const [found] = diagnose({ aud: API, 'https://example.com/permissions': ['read:reports'] });
    expect(found?.fix).toContain("claim: 'https://example.com/permissions'");
    expect(found?.evidence).toEqual({
      claim: 'https://example.com/permissions',
      permissions: ['read:reports'],
    });
  });

  it('shows the clock skew', () => {
    const now = 1_750_000_000;
    const [late] = diagnose({ aud: API, permissions: ['a'], exp: now - 125 }, { now });
    expect(late?.evidence).toMatchObject({ skewSeconds: 125 });
    const [early] = diagnose(
      { aud: API, permissions: ['a'], iat: now + 300, exp: now + 3900 },
      { now },
    );
    expect(early?.evidence).toMatchObject({
      skewSeconds: 300,
      iat: new Date((now + 300) * 1000).toISOString(),
    });
  });

  it('names the custom domain vs the tenant domain', () => {
    const [issuer] = diagnose(
      { iss: 'https://login.example.com/', aud: API, permissions: ['a'] },
      EXPECTED,
    );
    expect(issuer?.fix).toMatch(/custom domain/);
    expect(issuer?.evidence).toEqual({
      iss: 'https://login.example.com/',
      expected: 'https://tenant.eu.auth0.com/',
    });
  });

  it('never shows a client secret', () => {
    const out = JSON.stringify(
      diagnose({
        clientId: 'c',
        client_secret: 'SHHH-very-secret',
        authorizationParams: { audience: API },
      }),
    );
    expect(out).not.toContain('SHHH');
    expect(out).toContain('client_secret');
  });

  it('cuts long evidence', () => {
    const permissions = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const [found] = diagnose({ aud: API, 'https://x.example/permissions': permissions });
    expect(found?.evidence.permissions).toHaveLength(11);
  });
});

describe('diagnose(): time claims no Date can hold, or that are no number', () => {
  const now = 1_750_000_000;
  const at = (claims: Record<string, unknown>) =>
    diagnose({ aud: API, permissions: ['a'], ...claims }, { now });

  it('an exp before year -271821 is TOKEN_EXPIRED, the evidence keeping the number', () => {
    expect(at({ exp: -1e13 })).toEqual([
      expect.objectContaining({
        code: 'TOKEN_EXPIRED',
        message: `The token expired ${1e13 + now} s ago.`,
        evidence: { exp: -1e13, now: new Date(now * 1000).toISOString(), skewSeconds: 1e13 + now },
      }),
    ]);
  });

  it('an nbf or iat after year 275760 is TOKEN_NOT_YET_VALID', () => {
    for (const name of ['nbf', 'iat'])
      expect(at({ [name]: now + 1e13, exp: now + 2e13 })).toEqual([
        expect.objectContaining({
          code: 'TOKEN_NOT_YET_VALID',
          evidence: expect.objectContaining({ [name]: now + 1e13, skewSeconds: 1e13 }),
        }),
      ]);
  });

  it('an exp of 1e300 is far away, but a time: nothing wrong, as the browser instance accepts it', () => {
    expect(at({ exp: 1e300 })).toEqual([]);
    expect(at({ exp: Number.MAX_VALUE, nbf: -Number.MAX_VALUE })).toEqual([]);
  });

  it.each([
    ['exp', Infinity],
    ['exp', -Infinity],
    ['nbf', Infinity],
    ['nbf', -Infinity],
    ['iat', Infinity],
    ['iat', -Infinity],
    ['exp', Number.NaN],
    ['exp', String(now + 600)],
    ['nbf', null],
    ['iat', true],
  ])('%s: %s is MALFORMED_TOKEN naming the claim', (name, value) => {
    const found = at({ exp: now + 600, [name]: value });
    expect(found).toEqual([
      {
        code: 'MALFORMED_TOKEN',
        severity: 'error',
        message: `This is not a token: its ${name} is not a number.`,
        fix: expect.stringMatching(/access token/),
        evidence: { reason: `its ${name} is not a number` },
      },
    ]);
  });

  it('a signed token whose JSON says 1e400 names its claim, not "could not be read"', () => {
    for (const name of ['exp: 1e400 (Infinity)', 'nbf: 1e400 (Infinity)']) {
      const token = cases.find((c) => c.name === name)?.input;
      expect(typeof token).toBe('string');
      expect(diagnose(token, EXPECTED)).toEqual([
        expect.objectContaining({
          code: 'MALFORMED_TOKEN',
          evidence: { reason: `its ${name.slice(0, 3)} is not a number` },
        }),
      ]);
    }
  });

  it('keeps the other findings of a token with a bad time claim', () => {
    const found = diagnose(
      { aud: 'https://other.example', nbf: Infinity, exp: now - 3600, permissions: [] },
      { audience: API, now },
    );
    expect(codes(found)).toEqual([
      'AUDIENCE_MISMATCH',
      'MALFORMED_TOKEN',
      'TOKEN_EXPIRED',
      'PERMISSIONS_EMPTY',
    ]);
    // Each bad time claim is named.
    expect(at({ exp: -Infinity, nbf: now, iat: 'yesterday' }).map((f) => f.message)).toEqual([
      'This is not a token: its exp is not a number.',
      'This is not a token: its iat is not a number.',
    ]);
  });
});
