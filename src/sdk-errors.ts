import {
  Auth0PermissionsError,
  type Auth0PermissionsErrorCode,
  codeOfOAuthError,
  isAuth0PermissionsError,
} from './errors.js';

type Loose = Record<string, unknown>;
const loose = (value: unknown): Loose =>
  typeof value === 'object' && value !== null ? (value as Loose) : {};

/** `Retry-After` in seconds, from a number of seconds or an HTTP date. */
function retryAfterSeconds(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The `Retry-After` header of an HTTP response as superagent (Lock) or fetch expose it. */
function headerRetryAfter(response: Loose): unknown {
  const headers = response.headers ?? response.header;
  if (typeof (headers as Headers | undefined)?.get === 'function')
    return (headers as Headers).get('retry-after');
  const h = loose(headers);
  return h['retry-after'] ?? h['Retry-After'];
}

/**
 * Maps an error from auth0-spa-js, Lock (auth0-js), an `/authorize` callback or a token getter
 * to an {@link Auth0PermissionsError} with a stable code, keeping the original as `cause`.
 * Recognised by `error` / `code` and the description, never by class name (minified in the
 * SDKs' builds).
 */
export function toAuth0PermissionsError(error: unknown): Auth0PermissionsError {
  if (isAuth0PermissionsError(error)) return error;
  const e = loose(error);
  // auth0-js wraps the HTTP failure as `original` (superagent error, with `response`).
  const original = loose(e.original);
  const response = loose(original.response ?? e.response);
  const oauthError = String(e.error ?? (typeof e.code === 'string' ? e.code : ''));
  const description = String(
    e.error_description ?? e.errorDescription ?? e.description ?? e.message ?? error,
  );
  const status = Number(e.status ?? e.statusCode ?? original.status ?? response.status);
  let code: Auth0PermissionsErrorCode = codeOfOAuthError(oauthError) ?? 'TOKEN_REQUEST_FAILED';
  if (/service not found/i.test(description)) code = 'UNKNOWN_AUDIENCE';
  else if (/generated token is too large/i.test(description)) code = 'GENERATED_TOKEN_TOO_LARGE';
  else if (status === 429 || /too many requests|rate limit|global limit/i.test(description))
    code = 'RATE_LIMITED';
  else if (/unknown or invalid refresh token/i.test(description)) code = 'MISSING_REFRESH_TOKEN';
  else if (
    code === 'TOKEN_REQUEST_FAILED' &&
    /timeout|timed out/i.test(`${e.name} ${oauthError} ${description}`)
  )
    code = 'TIMEOUT';
  const retryAfter = retryAfterSeconds(
    e.retryAfter ?? e.retry_after ?? headerRetryAfter(response) ?? headerRetryAfter(e),
  );
  return new Auth0PermissionsError(code, `${code}: ${description}`, {
    cause: error,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}
