import { classifyAny, retryAfterOf } from '../internal/oauth-error.js';
import { isObject } from '../internal/object.js';
import type { DiagnoseExpected, Finding } from '../types.js';
import type { DiagnosisCode } from './codes.js';
import { type Claims, finding, short } from './finding.js';
import { audienceFix, EXPIRED_FIX, NO_TOKEN_FIX, SHRINK_FIX } from './messages.js';

/** How a finding explains an error of one code. */
type Explanation = Pick<Finding, 'severity' | 'message' | 'fix'>;

const EXPLANATIONS: Partial<Record<DiagnosisCode, Explanation>> = {
  LOGIN_REQUIRED: {
    severity: 'warning',
    message: 'No Auth0 session (login_required).',
    fix: 'Call login(). Right after a login it means the silent iframe cannot see the session cookie (third-party cookies blocked): useRefreshTokens: true, or a custom domain.',
  },
  CONSENT_REQUIRED: {
    severity: 'error',
    message: 'The user has not consented to this API (consent_required).',
    fix: 'Log in interactively once (login()), or turn on APIs → your API → Settings → "Allow Skipping User Consent" (never skipped on localhost).',
  },
  RATE_LIMITED: {
    severity: 'warning',
    message: 'Auth0 rate-limited the request (429).',
    fix: "Share one token (getAccessToken()); no getTokenSilently({ cacheMode: 'off' }) in a loop; honour Retry-After.",
  },
  TIMEOUT: {
    severity: 'warning',
    message: 'The silent token request timed out.',
    fix: "Add this origin to your app's Allowed Web Origins (a 429/500 in the iframe also times out), or useRefreshTokens: true.",
  },
  MISSING_REFRESH_TOKEN: {
    severity: 'error',
    message: 'No usable refresh token for this audience and scope (missing or revoked).',
    fix: "useRefreshTokensFallback: true, turn on the API's Allow Offline Access, and log in again.",
  },
  GENERATED_TOKEN_TOO_LARGE: {
    severity: 'error',
    message: 'Auth0 refused: "The generated token is too large".',
    fix: SHRINK_FIX,
  },
  NO_TOKEN: { severity: 'error', message: 'There is no access token.', fix: NO_TOKEN_FIX },
  TOKEN_EXPIRED: { severity: 'error', message: 'The token has expired.', fix: EXPIRED_FIX },
  TOKEN_TOO_LARGE: {
    severity: 'error',
    message: 'The token is too large to be read (over 1 MB): it was refused unread.',
    fix: `${SHRINK_FIX} Check that the token is an access token, not a whole response or page.`,
  },
  AUDIENCE_NOT_CONFIGURED: {
    severity: 'error',
    message: 'No audience is configured.',
    fix: audienceFix(),
  },
  AUDIENCE_MISPLACED: {
    severity: 'error',
    message: 'The audience is set where the SDK ignores it.',
    fix: audienceFix(),
  },
  CLIENT_SECRET_IN_BROWSER: {
    severity: 'error',
    message: 'A client secret is in browser code.',
    fix: 'Remove and rotate it.',
  },
  MALFORMED_TOKEN: {
    severity: 'error',
    message: 'The access token is malformed.',
    fix: NO_TOKEN_FIX,
  },
};

/** mfa_required reads as LOGIN_REQUIRED everywhere; the finding says why. */
const MFA: Explanation = {
  severity: 'warning',
  message: 'Auth0 asks for a second factor (mfa_required), which a silent renewal cannot give.',
  fix: 'Call login(): the user completes MFA on the login page, then tokens renew silently again.',
};

/** The `error` and `error_description` of an `/authorize` callback URL or its query string. */
export function callbackParams(url: string): Claims {
  return Object.fromEntries(
    new URLSearchParams(url.replace(/^[^?#]*[?#]/, '').replace('#', '&')).entries(),
  );
}

function unknownAudience(description: string, evidence: Claims, expected: DiagnoseExpected) {
  const unknown = /service not found:?\s*(\S*)/i.exec(description)?.[1] || undefined;
  return finding({
    code: 'UNKNOWN_AUDIENCE',
    severity: 'error',
    message: `No API has the Identifier ${unknown ? `'${unknown}'` : 'sent'} in this tenant (Service not found).`,
    fix: `Copy it from APIs → your API → Settings, on the tenant of your domain. ${audienceFix(expected.audience)}`,
    evidence: { ...evidence, audience: unknown },
  });
}

/** The adapters' AUDIENCE_MISPLACED: two places set two different audiences. */
function twoAudiences(audiences: Claims): Finding {
  const places = Object.entries(audiences).map(([where, value]) => `${where} = '${value}'`);
  return finding({
    code: 'AUDIENCE_MISPLACED',
    severity: 'error',
    message: `Two different audiences: ${places.join(' and ')}.`,
    fix: `Keep one API Identifier, in one place. ${audienceFix()}`,
    evidence: { audiences },
  });
}

/**
 * Explains an error from auth0-spa-js, Lock, an `/authorize` callback, a token endpoint
 * response or this library, through the one classifier the live instance uses
 * (src/internal/oauth-error.ts): the same error gets the same code.
 */
export function diagnoseError(e: Claims, expected: DiagnoseExpected = {}): Finding[] {
  const { code, error, description } = classifyAny(e);
  const evidence: Claims = { ...(error && { error }), error_description: short(description) };
  if (code === 'UNKNOWN_AUDIENCE') return [unknownAudience(description, evidence, expected)];
  if (code === 'AUDIENCE_MISPLACED' && isObject(e.audiences)) return [twoAudiences(e.audiences)];
  const explanation = error === 'mfa_required' ? MFA : EXPLANATIONS[code as DiagnosisCode];
  if (!explanation) return [];
  if (code === 'RATE_LIMITED') {
    const wait = retryAfterOf(e) ?? retryAfterOf(e.cause);
    if (wait !== undefined) evidence.retryAfter = wait;
  }
  return [finding({ code: code as DiagnosisCode, ...explanation, evidence })];
}
