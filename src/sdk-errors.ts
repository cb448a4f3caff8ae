import {
  Auth0PermissionsError,
  type Auth0PermissionsErrorCode,
  isAuth0PermissionsError,
} from './errors.js';

const BY_OAUTH_ERROR: Record<string, Auth0PermissionsErrorCode> = {
  login_required: 'LOGIN_REQUIRED',
  interaction_required: 'LOGIN_REQUIRED',
  consent_required: 'CONSENT_REQUIRED',
  timeout: 'TIMEOUT',
  missing_refresh_token: 'MISSING_REFRESH_TOKEN',
  too_many_requests: 'RATE_LIMITED',
  rate_limited: 'RATE_LIMITED',
};

/**
 * Maps an error from auth0-spa-js, Lock, an `/authorize` callback or a token getter to an
 * {@link Auth0PermissionsError} with a stable code, keeping the original as `cause`.
 */
export function toAuth0PermissionsError(error: unknown): Auth0PermissionsError {
  if (isAuth0PermissionsError(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const oauthError = String(e.error ?? e.code ?? '');
  const description = String(
    e.error_description ?? e.errorDescription ?? e.description ?? e.message ?? error,
  );
  const status = Number(e.status ?? e.statusCode);
  let code: Auth0PermissionsErrorCode = BY_OAUTH_ERROR[oauthError] ?? 'TOKEN_REQUEST_FAILED';
  if (/service not found/i.test(description)) code = 'UNKNOWN_AUDIENCE';
  else if (/generated token is too large/i.test(description)) code = 'GENERATED_TOKEN_TOO_LARGE';
  else if (status === 429 || /too many requests|rate limit/i.test(description))
    code = 'RATE_LIMITED';
  else if (code === 'TOKEN_REQUEST_FAILED' && /timeout/i.test(`${e.name} ${oauthError}`))
    code = 'TIMEOUT';
  const retryAfter = Number(e.retryAfter ?? e.retry_after);
  return new Auth0PermissionsError(code, `${code}: ${description}`, {
    cause: error,
    ...(retryAfter >= 0 ? { retryAfter } : {}),
  });
}
