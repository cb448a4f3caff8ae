import {
  Auth0PermissionsError,
  type Auth0PermissionsErrorCode,
  isAuth0PermissionsError,
} from '../errors.js';
import { isObject, objectOr, type PlainObject } from './object.js';

/**
 * The one classifier of errors, used by the live instance, the adapters and `diagnose()` alike,
 * so one error gets one code everywhere. It reads every shape met so far: OAuth
 * `{ error, error_description }` (token endpoint, `/authorize` callback), auth0-spa-js errors
 * (`error`, `error_description`, `TimeoutError`, `MfaRequiredError`), Lock / auth0-js errors
 * (`{ code, description, statusCode, original: superagent error with response }`), fetch
 * failures, jose's `ERR_JWT_EXPIRED`, and this library's own errors (their `code` wins).
 * Recognised by `error` / `code`, status and description, never by class name (minified in the
 * SDKs' builds).
 */
interface ErrorRule {
  code: Auth0PermissionsErrorCode;
  /** Tested against `error` / `code`, the description and the error's `name`, in one line. */
  match: RegExp;
  /** The HTTP status of the failed response, when it alone tells. */
  status?: number;
}

// The first matching row wins: a description such as "Service not found" outranks the `error`
// it comes with (`access_denied`); a time-out named only in a message comes last.
const RULES: readonly ErrorRule[] = [
  { code: 'UNKNOWN_AUDIENCE', match: /service not found/i },
  { code: 'GENERATED_TOKEN_TOO_LARGE', match: /generated token is too large/i },
  {
    code: 'RATE_LIMITED',
    match: /too_many_requests|rate.?limit|too many requests|global limit/i,
    status: 429,
  },
  {
    code: 'MISSING_REFRESH_TOKEN',
    match: /missing_refresh_token|unknown or invalid refresh token/i,
  },
  // mfa_required: a silent renewal cannot ask for the second factor; an interactive login() can.
  { code: 'LOGIN_REQUIRED', match: /^(login|interaction|mfa)_required /i },
  { code: 'CONSENT_REQUIRED', match: /^consent_required /i },
  { code: 'TOKEN_EXPIRED', match: /^err_jwt_expired /i },
  { code: 'TIMEOUT', match: /timeout|timed out/i },
];

/** `cause` chains followed at most this deep (an error may be its own cause). */
const MAX_CAUSES = 8;

/** What {@link classifyError} found. */
export interface ClassifiedError {
  /** `TOKEN_REQUEST_FAILED` when nothing is recognised. */
  code: Auth0PermissionsErrorCode;
  /** The OAuth `error` (or SDK `code`) value, `''` when none. */
  error: string;
  /** `error_description`, `errorDescription`, `description` or `message`. */
  description: string;
}

/** The stable code of any error, with the OAuth error and description it was read from. */
export function classifyError(caught: unknown, depth = 0): ClassifiedError {
  const e = objectOr(caught);
  const cause = depth < MAX_CAUSES && isObject(e.cause) ? e.cause : undefined;
  // auth0-js wraps the HTTP failure as `original` (a superagent error, with its status).
  const original = objectOr(e.original);
  const error = String(e.error ?? (typeof e.code === 'string' ? e.code : ''));
  const description = String(
    e.error_description ?? e.errorDescription ?? e.description ?? e.message ?? caught,
  );
  const status = Number(e.status ?? e.statusCode ?? original.status);
  const subject = `${error} ${description} ${e.name ?? ''}`;
  const rule = RULES.find((r) => r.status === status || r.match.test(subject));
  if (rule) return { code: rule.code, error, description };
  // A wrapper (`new Error('…', { cause })`) classified by what it wraps.
  const inner = cause ? classifyError(cause, depth + 1) : undefined;
  return inner?.code !== 'TOKEN_REQUEST_FAILED' && inner
    ? inner
    : { code: 'TOKEN_REQUEST_FAILED', error, description };
}

/**
 * {@link classifyError} for the diagnosis, which also reads this library's own errors (their
 * JSON too): their code is final, and their `cause`, the SDK's error, says more than the message.
 */
export function classifyAny(caught: unknown): ClassifiedError {
  const e = objectOr(caught);
  if (e.name !== 'Auth0PermissionsError' || typeof e.code !== 'string')
    return classifyError(caught);
  const inner = isObject(e.cause)
    ? classifyError(e.cause)
    : { error: '', description: String(e.message ?? '') };
  return { ...inner, code: e.code as Auth0PermissionsErrorCode };
}

/** `Retry-After` in seconds, from a number of seconds or an HTTP date. */
function seconds(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  if (Number.isFinite(number)) return number >= 0 ? number : undefined;
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The `Retry-After` header of an HTTP response as superagent (Lock) or fetch expose it. */
function header(response: PlainObject): unknown {
  const headers = response.headers ?? response.header;
  if (typeof (headers as Headers | undefined)?.get === 'function')
    return (headers as Headers).get('retry-after');
  const fields = objectOr(headers);
  return fields['retry-after'] ?? fields['Retry-After'];
}

/** Seconds the server asked to wait before the next request, if it said. */
export function retryAfterOf(caught: unknown): number | undefined {
  const e = objectOr(caught);
  const response = objectOr(objectOr(e.original).response ?? e.response);
  return seconds(e.retryAfter ?? e.retry_after ?? header(response) ?? header(e));
}

/**
 * An {@link Auth0PermissionsError} with the stable code of any error (this library's own pass
 * through untouched), keeping the original as `cause`. The live instance uses it as is.
 */
export function toAuth0PermissionsError(
  caught: unknown,
  retryAfter?: number,
): Auth0PermissionsError {
  if (isAuth0PermissionsError(caught)) return caught;
  const { code, description } = classifyError(caught);
  return new Auth0PermissionsError(code, `${code}: ${description}`, {
    cause: caught,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}

/** The same for the adapters, which retry: with the `Retry-After` the server sent, if any. */
export const toSdkError = (caught: unknown): Auth0PermissionsError =>
  toAuth0PermissionsError(caught, retryAfterOf(caught));
