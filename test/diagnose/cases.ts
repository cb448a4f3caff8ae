import { CompactEncrypt, CompactSign, generateKeyPair, SignJWT } from 'jose';
import { DIAGNOSIS_CODES, type DiagnosisCode } from '../../src/diagnose/codes.js';
import type { DiagnoseExpected } from '../../src/types.js';

/** Every diagnosis code (src/diagnose/codes.ts, DESIGN.md's list): each must come out of a case. */
/** Every code diagnose() can produce: all but what only an API sees (auth0-permissions/server). */
export const DESIGN_CODES = (Object.keys(DIAGNOSIS_CODES) as DiagnosisCode[]).filter(
  (code) => DIAGNOSIS_CODES[code].group !== 'server',
);

export const DOMAIN = 'tenant.eu.auth0.com';
export const ISSUER = `https://${DOMAIN}/`;
export const API = 'https://api.example.com';
export const CLIENT_ID = 'Xq3vB9kLmN2pR7sT1uV5wY8zA4cD6eF0';
export const EXPECTED: DiagnoseExpected = { audience: API, domain: DOMAIN, clientId: CLIENT_ID };

export interface DiagnoseCase {
  name: string;
  /** A token, callback URL, claims, error or options object (an `Error` is not sent to the CLI). */
  input: unknown;
  expected: DiagnoseExpected;
  /** The codes `diagnose()` must return, in order. */
  codes: string[];
}

/**
 * The shared table of the unit and CLI tests: real RS256 tokens signed with `jose`, times
 * relative to now (the CLI has no `now` option), plus garbage, callback URLs, error responses
 * and SDK options.
 */
export async function buildCases(): Promise<DiagnoseCase[]> {
  const { privateKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k1' })
      .sign(privateKey);
  const accessClaims = (claims: Record<string, unknown> = {}, drop: string[] = []) => {
    const all: Record<string, unknown> = {
      iss: ISSUER,
      sub: 'auth0|64b0c0ffee',
      aud: [API, `${ISSUER}userinfo`],
      iat: now - 10,
      exp: now + 86_400,
      azp: CLIENT_ID,
      scope: 'openid profile email',
      permissions: ['read:reports', 'delete:reports'],
      ...claims,
    };
    for (const key of drop) delete all[key];
    return all;
  };
  const access = (claims: Record<string, unknown> = {}, drop: string[] = []) =>
    sign(accessClaims(claims, drop));
  /**
   * An access token whose JSON ends with `times` as written (`"exp":1e400` parses to Infinity):
   * jose's SignJWT refuses a time claim that is not finite, a JWS over the text does not.
   */
  const accessWith = (times: string, drop: string[]) => {
    const json = JSON.stringify(accessClaims({}, drop));
    return new CompactSign(new TextEncoder().encode(`${json.slice(0, -1)},${times}}`))
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k1' })
      .sign(privateKey);
  };
  const idToken = (claims: Record<string, unknown> = {}) =>
    sign({
      nickname: 'martin5',
      name: 'Martin',
      picture: 'https://s.gravatar.com/avatar/x.png',
      email: 'martin@example.com',
      email_verified: true,
      iss: ISSUER,
      sub: 'auth0|5dbc8ddb33c5e20d81912e99',
      aud: CLIENT_ID,
      iat: now - 10,
      exp: now + 36_000,
      at_hash: 'Dbn7HuZXHkBnovI9pHWMkg',
      nonce: 'PEUnxeuDPo0Znj2e7XNDU5sYvmTaX_0D',
      ...claims,
    });
  const jwe = await new CompactEncrypt(new TextEncoder().encode('{"sub":"auth0|1"}'))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .encrypt(new Uint8Array(32).fill(7));
  const opaque = 'Rk9PQkFSYmF6cXV4MTIzNDU2Nzg5MGFi';
  const many = Array.from(
    { length: 600 },
    (_, i) => `read:reports-${i.toString().padStart(4, '0')}`,
  );
  const userinfoOnly = await access({ aud: `${ISSUER}userinfo` }, ['permissions']);
  const E = EXPECTED;
  const none: DiagnoseExpected = {};
  const c = (name: string, input: unknown, codes: string[], expected = E): DiagnoseCase => ({
    name,
    input,
    expected,
    codes,
  });

  return [
    // Healthy: no finding at all.
    c('healthy access token', await access(), []),
    c('healthy access token, nothing expected', await access(), [], none),
    c('healthy, sent as "Bearer …"', `Bearer ${await access()}`, []),
    c('healthy, expired 5 s ago (inside the 60 s leeway)', await access({ exp: now - 5 }), []),
    c(
      'healthy, claim list falls back to scope',
      await access({ scope: 'openid read:reports' }, ['permissions']),
      [],
      { ...E, claim: ['permissions', 'scope'] },
    ),
    c(
      'healthy, local stand-in with an http domain',
      await access({ iss: 'http://localhost:4400/' }),
      [],
      { ...E, domain: 'http://localhost:4400' },
    ),
    c(
      'healthy, namespaced claim named by the claim option (seed 004)',
      await access({ 'https://example.com/permissions': ['read:reports'] }, ['permissions']),
      [],
      { ...E, claim: 'https://example.com/permissions' },
    ),
    c(
      'healthy token response',
      { access_token: await access(), id_token: await idToken(), expires_in: 86_400 },
      [],
    ),
    c(
      'healthy auth0-spa-js options',
      { domain: DOMAIN, clientId: CLIENT_ID, authorizationParams: { audience: API } },
      [],
    ),
    c(
      'healthy Lock options',
      {
        auth: {
          audience: API,
          params: { audience: API },
          responseType: 'token id_token',
          redirectUrl: 'https://app.example.com/',
        },
      },
      [],
    ),

    // Token shape.
    c('no token', undefined, ['NO_TOKEN']),
    c('empty string', '  ', ['NO_TOKEN']),
    c('opaque token (no audience, seed 000)', opaque, ['OPAQUE_TOKEN']),
    c('encrypted /userinfo token (no audience)', jwe, ['OPAQUE_TOKEN']),
    c(
      'opaque token in a token response',
      { access_token: opaque, id_token: await idToken(), expires_in: 7200 },
      ['OPAQUE_TOKEN'],
    ),
    c('garbage with spaces', 'not a token at all', ['MALFORMED_TOKEN']),
    c('two parts', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0', ['MALFORMED_TOKEN']),
    c('three parts that are not JSON', 'abc.def.ghi', ['MALFORMED_TOKEN']),
    c('quoted token', '"abcdef"', ['MALFORMED_TOKEN']),
    c('token over 8 KB', await access({ permissions: many }), ['TOKEN_TOO_LARGE']),

    // Which token, which audience, which issuer.
    c('ID token where the access token belongs (seed 003)', await idToken(), ['ID_TOKEN_USED']),
    c(
      'ID token with a namespaced claim (seed 004)',
      await idToken({ 'https://example.com/permissions': ['read:reports'] }),
      ['ID_TOKEN_USED'],
      none,
    ),
    c('audience is only /userinfo', userinfoOnly, ['USERINFO_AUDIENCE_ONLY']),
    c(
      'audience is the Management API',
      await access(
        { aud: [`${ISSUER}api/v2/`, `${ISSUER}userinfo`], scope: 'openid read:current_user' },
        ['permissions'],
      ),
      ['MANAGEMENT_API_AUDIENCE'],
    ),
    c(
      'audience differs by a trailing slash',
      await access({ aud: [`${API}/`, `${ISSUER}userinfo`] }),
      ['AUDIENCE_MISMATCH'],
    ),
    c(
      'issuer is the custom domain, API expects the tenant domain',
      await access({ iss: 'https://login.example.com/' }),
      ['ISSUER_MISMATCH'],
    ),
    c('issuer without the trailing slash', await access({ iss: ISSUER.slice(0, -1) }), [
      'ISSUER_MISMATCH',
    ]),

    // Time.
    c('expired an hour ago', await access({ iat: now - 7200, exp: now - 3600 }), ['TOKEN_EXPIRED']),
    c(
      'issued 10 minutes in the future (clock skew)',
      await access({ iat: now + 600, exp: now + 87_000 }),
      ['TOKEN_NOT_YET_VALID'],
    ),
    // Times no Date can hold (beyond ±8.64e12 s): compared as numbers, as jose and the browser do.
    c('exp before any date (-1e13)', await access({ exp: -1e13 }), ['TOKEN_EXPIRED']),
    c('nbf after any date (now + 1e13)', await access({ nbf: now + 1e13, exp: now + 2e13 }), [
      'TOKEN_NOT_YET_VALID',
    ]),
    c('healthy, exp far away but a number (1e300)', await access({ exp: 1e300 }), []),
    // Not a number of seconds at all: JSON 1e400 parses to ±Infinity; a string is no time.
    c('exp: 1e400 (Infinity)', await accessWith('"exp":1e400', ['exp']), ['MALFORMED_TOKEN']),
    c('exp: -1e400 (-Infinity)', await accessWith('"exp":-1e400', ['exp']), ['MALFORMED_TOKEN']),
    c('nbf: 1e400 (Infinity)', await accessWith('"nbf":1e400', []), ['MALFORMED_TOKEN']),
    c('iat: -1e400 (-Infinity)', await accessWith('"iat":-1e400', ['iat']), ['MALFORMED_TOKEN']),
    c('exp is a string', await access({ exp: String(now + 600) }), ['MALFORMED_TOKEN']),

    // Permissions.
    c(
      'RBAC or toggle off, only OIDC scopes (seed 003 after the fix)',
      await access({}, ['permissions']),
      ['PERMISSIONS_CLAIM_MISSING'],
    ),
    c(
      'toggle off or RBAC off: scope holds API scopes',
      await access({ scope: 'openid profile read:reports' }, ['permissions']),
      ['PERMISSIONS_CLAIM_MISSING'],
    ),
    c('claim option names a claim the token lacks', await access(), ['PERMISSIONS_CLAIM_MISSING'], {
      ...E,
      claim: 'https://example.com/permissions',
    }),
    c('permissions is a string', await access({ permissions: 'read:reports delete:reports' }), [
      'PERMISSIONS_CLAIM_INVALID',
    ]),
    c('permissions holds non-strings', await access({ permissions: ['read:reports', 42] }), [
      'PERMISSIONS_CLAIM_INVALID',
    ]),
    c('permissions: [] (no role for this API)', await access({ permissions: [] }), [
      'PERMISSIONS_EMPTY',
    ]),
    c(
      'permissions: [] with org_id',
      await access({ permissions: [], org_id: 'org_W3eLhWHdQ9mYpWz1' }),
      ['PERMISSIONS_EMPTY_IN_ORGANIZATION'],
    ),
    c(
      'Action claim holding {permissions} (seed 002)',
      await access({ 'http://roles/permissions': { permissions: ['read:reports'] } }, [
        'permissions',
      ]),
      ['NAMESPACED_PERMISSIONS_FOUND'],
    ),
    c(
      'Authorization Extension claim (seed 004)',
      await access(
        {
          'https://example.com/permissions': ['read:reports'],
          'https://example.com/roles': ['Admin'],
        },
        ['permissions'],
      ),
      ['NAMESPACED_PERMISSIONS_FOUND'],
    ),
    c(
      'claims object: several problems at once',
      {
        iss: 'https://login.example.com/',
        aud: [`${API}/`],
        exp: now - 3600,
        scope: 'openid read:reports',
      },
      ['AUDIENCE_MISMATCH', 'ISSUER_MISMATCH', 'TOKEN_EXPIRED', 'PERMISSIONS_CLAIM_MISSING'],
    ),

    // Auth0 responses.
    c(
      'callback URL: Service not found',
      `https://app.example.com/callback?error=access_denied&error_description=${encodeURIComponent('Service not found: https://api.exmaple.com')}&state=abc`,
      ['UNKNOWN_AUDIENCE'],
    ),
    c(
      'callback query string only',
      `?error=access_denied&error_description=Service%20not%20found%3A%20${encodeURIComponent(API)}`,
      ['UNKNOWN_AUDIENCE'],
    ),
    c(
      'Lock authorization_error',
      { error: 'access_denied', errorDescription: 'Service not found: https://api.exmaple.com' },
      ['UNKNOWN_AUDIENCE'],
    ),
    c('consent_required', { error: 'consent_required', error_description: 'Consent required' }, [
      'CONSENT_REQUIRED',
    ]),
    c('login_required', { error: 'login_required', error_description: 'Login required' }, [
      'LOGIN_REQUIRED',
    ]),
    c(
      'interaction_required',
      '#error=interaction_required&error_description=Interaction%20required',
      ['LOGIN_REQUIRED'],
    ),
    c(
      'HTTP 429',
      {
        status: 429,
        error: 'too_many_requests',
        error_description: 'Global limit has been reached',
        retryAfter: 3,
      },
      ['RATE_LIMITED'],
    ),
    c('timeout', { error: 'timeout', error_description: 'Timeout' }, ['TIMEOUT']),
    c(
      'missing_refresh_token',
      {
        error: 'missing_refresh_token',
        error_description: `Missing Refresh Token (audience: '${API}', scope: 'openid')`,
      },
      ['MISSING_REFRESH_TOKEN'],
    ),
    c(
      'generated token too large',
      {
        error: 'access_denied',
        error_description: 'The generated token is too large. Try with more specific scopes.',
      },
      ['GENERATED_TOKEN_TOO_LARGE'],
    ),

    // SDK options.
    c(
      'auth0-spa-js: top-level audience (1.x style)',
      { domain: DOMAIN, clientId: CLIENT_ID, audience: API },
      ['AUDIENCE_MISPLACED'],
    ),
    c(
      'auth0-spa-js: no audience',
      {
        domain: DOMAIN,
        clientId: CLIENT_ID,
        authorizationParams: { redirect_uri: 'https://app.example.com/' },
      },
      ['AUDIENCE_NOT_CONFIGURED'],
    ),
    c(
      'auth0-spa-js: client secret',
      {
        domain: DOMAIN,
        clientId: CLIENT_ID,
        clientSecret: 'not-so-secret',
        authorizationParams: { audience: API },
      },
      ['CLIENT_SECRET_IN_BROWSER'],
    ),
    c(
      'auth0-spa-js: Management API audience',
      {
        domain: DOMAIN,
        clientId: CLIENT_ID,
        authorizationParams: { audience: `${ISSUER}api/v2/` },
      },
      ['MANAGEMENT_API_AUDIENCE'],
    ),
    c(
      'Lock: audience only under auth.params (seed 003)',
      { auth: { params: { audience: API }, responseType: 'token id_token' } },
      ['AUDIENCE_MISPLACED'],
    ),
    c('Lock: top-level audience', { audience: API, theme: { logo: '/logo.png' } }, [
      'AUDIENCE_MISPLACED',
    ]),
    c(
      'Lock: /userinfo audience from the docs example',
      { auth: { audience: `https://${DOMAIN}/userinfo`, responseType: 'token id_token' } },
      ['USERINFO_AUDIENCE_ONLY'],
    ),
    c(
      'Lock: redirectUrl without responseType',
      {
        auth: { audience: API, params: { audience: API }, redirectUrl: 'https://app.example.com/' },
      },
      ['LOCK_RESPONSE_TYPE_CODE'],
    ),
    c(
      'Lock: no audience, client secret in params',
      { auth: { responseType: 'code', params: { client_secret: 'x' } } },
      ['CLIENT_SECRET_IN_BROWSER', 'AUDIENCE_NOT_CONFIGURED', 'LOCK_RESPONSE_TYPE_CODE'],
      none,
    ),
  ];
}
