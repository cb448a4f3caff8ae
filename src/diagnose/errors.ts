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
    'No Auth0 session (login_required).',
    'Call login(). Right after a login it means the silent iframe cannot see the session cookie (third-party cookies blocked): useRefreshTokens: true, or a custom domain.',
  ],
  CONSENT_REQUIRED: [
    'error',
    'The user has not consented to this API (consent_required).',
    'Log in interactively once (login()), or turn on APIs → your API → Settings → "Allow Skipping User Consent" (never skipped on localhost).',
  ],
  RATE_LIMITED: [
    'warning',
    'Auth0 rate-limited the request (429).',
    "Share one token (getAccessToken()); no getTokenSilently({ cacheMode: 'off' }) in a loop; honour Retry-After.",
  ],
  TIMEOUT: [
    'warning',
    'The silent token request timed out.',
    "Add this origin to your app's Allowed Web Origins (a 429/500 in the iframe also times out), or useRefreshTokens: true.",
  ],
  MISSING_REFRESH_TOKEN: [
    'error',
    'No refresh token for this audience and scope (missing_refresh_token).',
    "useRefreshTokensFallback: true, turn on the API's Allow Offline Access, and log in again.",
  ],
  GENERATED_TOKEN_TOO_LARGE: [
    'error',
    'Auth0 refused: "The generated token is too large".',
    SHRINK_FIX,
  ],
  NO_TOKEN: ['error', 'There is no access token.', NO_TOKEN_FIX],
  TOKEN_EXPIRED: ['error', 'The token has expired.', EXPIRED_FIX],
  AUDIENCE_NOT_CONFIGURED: ['error', 'No audience is configured.', audienceFix()],
  AUDIENCE_MISPLACED: ['error', 'The audience is set where the SDK ignores it.', audienceFix()],
  CLIENT_SECRET_IN_BROWSER: [
    'error',
    'A client secret is in browser code.',
    'Remove and rotate it.',
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
    const limited = found[0]?.code === 'RATE_LIMITED' ? found[0].evidence : {};
    if (limited.retryAfter === undefined && e.retryAfter !== undefined)
      limited.retryAfter = e.retryAfter;
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
        `No API has the Identifier ${unknown ? `'${unknown}'` : 'sent'} in this tenant (Service not found).`,
        `Copy it from APIs → your API → Settings, on the tenant of your domain. ${audienceFix(expected.audience)}`,
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
