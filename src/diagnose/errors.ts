import type { DiagnoseExpected, Finding } from '../types.js';
import { type Claims, finding, isObject, short, text } from './finding.js';
import { audienceFix, EXPIRED_FIX, NO_TOKEN_FIX, SHRINK_FIX } from './messages.js';

const ALIASES: Record<string, string> = {
  INTERACTION_REQUIRED: 'LOGIN_REQUIRED',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  ERR_JWT_EXPIRED: 'TOKEN_EXPIRED',
};

type Rule = [Finding['severity'], string, string];

const RULES: Record<string, Rule> = {
  LOGIN_REQUIRED: [
    'warning',
    'Auth0 has no session for this user (login_required), so no token was issued.',
    'Call login(). If it fails right after a login, the silent renewal iframe cannot see the Auth0 session cookie (third-party cookies blocked): use a custom domain on your site, or useRefreshTokens: true.',
  ],
  CONSENT_REQUIRED: [
    'error',
    'The user has not consented to this API (consent_required), so a silent renewal cannot get a token.',
    'Log in interactively once (login()) so the user can consent, or in APIs → your API → Settings → Access Settings turn on "Allow Skipping User Consent" (first-party apps; consent is never skipped for localhost).',
  ],
  RATE_LIMITED: [
    'warning',
    'Auth0 rate-limited the token request (HTTP 429).',
    "Request tokens less often: share one token (getAccessToken()), do not call getTokenSilently({ cacheMode: 'off' }) in a loop, honour Retry-After.",
  ],
  TIMEOUT: [
    'warning',
    'The token request timed out: the silent iframe got no answer.',
    'Add this origin to Applications → your app → Settings → Allowed Web Origins; an HTTP 429 or 500 inside the iframe also ends as a time-out. Or useRefreshTokens: true.',
  ],
  MISSING_REFRESH_TOKEN: [
    'error',
    'auth0-spa-js has no refresh token for this audience and scope (missing_refresh_token).',
    "Pass useRefreshTokensFallback: true (or cacheLocation: 'localstorage'), turn on APIs → your API → Settings → Allow Offline Access, and log in again.",
  ],
  GENERATED_TOKEN_TOO_LARGE: [
    'error',
    'Auth0 refused to issue the token: "The generated token is too large".',
    SHRINK_FIX,
  ],
  NO_TOKEN: ['error', 'There is no access token.', NO_TOKEN_FIX],
  TOKEN_EXPIRED: ['error', 'The token has expired.', EXPIRED_FIX],
  AUDIENCE_NOT_CONFIGURED: ['error', 'No audience is configured.', audienceFix()],
  AUDIENCE_MISPLACED: ['error', 'The audience is set where the SDK ignores it.', audienceFix()],
  CLIENT_SECRET_IN_BROWSER: [
    'error',
    'A client secret was given to browser code.',
    'Remove it and rotate it (Applications → your app → Credentials).',
  ],
  MALFORMED_TOKEN: ['error', 'The access token is malformed.', NO_TOKEN_FIX],
};

/** The `error` and `error_description` of an `/authorize` callback URL or its query string. */
export function callbackParams(url: string): Claims {
  return Object.fromEntries(
    new URLSearchParams(url.replace(/^[^?#]*[?#]/, '').replace('#', '&')).entries(),
  );
}

/**
 * Explains an error from auth0-spa-js, Lock, an `/authorize` callback, a token endpoint
 * response or this library (whose `cause` is explained first). Recognised by `error`, `code`,
 * `name` and the description, never by `instanceof` alone.
 */
export function diagnoseError(e: Claims, expected: DiagnoseExpected): Finding[] {
  if (isObject(e.cause) || e.cause instanceof Error) {
    const found = diagnoseError(e.cause as Claims, expected);
    if (found.length) return found;
  }
  const error = text(e.error) ?? text(e.code) ?? '';
  const description =
    text(e.error_description) ??
    text(e.errorDescription) ??
    text(e.description) ??
    text(e.message) ??
    '';
  const status = Number(e.status ?? e.statusCode);
  const upper = error.toUpperCase();
  let code = ALIASES[upper] ?? upper;
  const evidence: Claims = { ...(error && { error }), error_description: short(description) };
  const audience = /service not found:?\s*(\S*)/i.exec(description);
  if (audience) {
    const unknown = audience[1] || undefined;
    return [
      finding(
        'UNKNOWN_AUDIENCE',
        'error',
        `No API in this tenant has the Identifier ${unknown ? `'${unknown}'` : 'that was sent as audience'} (Service not found).`,
        `Check the spelling against APIs → your API → Settings → Identifier (or create the API), and that the domain is the tenant that holds it. ${audienceFix(expected.audience)}`,
        { ...evidence, audience: unknown },
      ),
    ];
  }
  if (/generated token is too large/i.test(description)) code = 'GENERATED_TOKEN_TOO_LARGE';
  else if (status === 429 || /too many requests|rate.?limit/i.test(description))
    code = 'RATE_LIMITED';
  else if (!RULES[code] && /timeout/i.test(`${text(e.name)} ${error}`)) code = 'TIMEOUT';
  const rule = RULES[code];
  if (!rule) return [];
  if (code === 'RATE_LIMITED') {
    const wait = e.retryAfter ?? e.retry_after;
    if (wait !== undefined) evidence.retryAfter = wait;
  }
  return [finding(code, rule[0], rule[1], rule[2], evidence)];
}
