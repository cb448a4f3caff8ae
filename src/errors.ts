/** Stable error codes carried by {@link Auth0PermissionsError}. */
export type Auth0PermissionsErrorCode =
  | 'ERR_EXPRESSION_SYNTAX'
  | 'ERR_INVALID_OPTIONS'
  | 'NO_TOKEN'
  | 'MALFORMED_TOKEN'
  | 'TOKEN_EXPIRED'
  | 'AUDIENCE_NOT_CONFIGURED'
  | 'AUDIENCE_MISPLACED'
  | 'CLIENT_SECRET_IN_BROWSER'
  | 'UNKNOWN_AUDIENCE'
  | 'LOGIN_REQUIRED'
  | 'CONSENT_REQUIRED'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'MISSING_REFRESH_TOKEN'
  | 'GENERATED_TOKEN_TOO_LARGE'
  | 'TOKEN_REQUEST_FAILED'
  | 'OPAQUE_TOKEN'
  | 'ID_TOKEN_USED'
  | 'USERINFO_AUDIENCE_ONLY'
  | 'MANAGEMENT_API_AUDIENCE'
  | 'AUDIENCE_MISMATCH'
  | 'ISSUER_MISMATCH'
  | 'TOKEN_NOT_YET_VALID'
  | 'PERMISSIONS_CLAIM_MISSING'
  | 'TOKEN_TOO_LARGE'
  | 'SIGNATURE_INVALID'
  | 'ALGORITHM_NOT_ALLOWED'
  | 'KEY_NOT_FOUND'
  | 'JWKS_UNAVAILABLE'
  | 'PERMISSION_DENIED';

/** Context carried by an {@link Auth0PermissionsError}, besides its code. */
export interface Auth0PermissionsErrorDetails {
  /** The error that caused this one, e.g. the auth0-spa-js or Lock error. */
  cause?: unknown;
  /** For `ERR_EXPRESSION_SYNTAX`: the expression and the 0-based offset of the problem. */
  expression?: string;
  position?: number;
  /** For `RATE_LIMITED`: seconds the server asked to wait (`Retry-After`). */
  retryAfter?: number;
}

/**
 * The one error class of the library. Test `code`, not the message: codes are stable.
 *
 * @example
 * try { check(granted, 'read:reports write:reports') }
 * catch (error) { if (isAuth0PermissionsError(error)) console.log(error.code, error.position) }
 */
export class Auth0PermissionsError extends Error {
  override readonly name = 'Auth0PermissionsError' as const;
  readonly code: Auth0PermissionsErrorCode;
  declare readonly expression?: string;
  declare readonly position?: number;
  declare readonly retryAfter?: number;

  constructor(
    code: Auth0PermissionsErrorCode,
    message: string,
    { cause, ...context }: Auth0PermissionsErrorDetails = {},
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    Object.assign(this, context);
  }
}

/**
 * True for an {@link Auth0PermissionsError}, also one thrown by another copy of the library on
 * the same page (where `instanceof` fails).
 */
export function isAuth0PermissionsError(value: unknown): value is Auth0PermissionsError {
  return (
    value instanceof Auth0PermissionsError ||
    (value instanceof Error &&
      value.name === 'Auth0PermissionsError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

const OAUTH_CODES = new Map<unknown, Auth0PermissionsErrorCode>([
  ['login_required', 'LOGIN_REQUIRED'],
  ['interaction_required', 'LOGIN_REQUIRED'],
  ['mfa_required', 'LOGIN_REQUIRED'],
  ['consent_required', 'CONSENT_REQUIRED'],
  ['timeout', 'TIMEOUT'],
  ['missing_refresh_token', 'MISSING_REFRESH_TOKEN'],
  ['too_many_requests', 'RATE_LIMITED'],
  ['rate_limited', 'RATE_LIMITED'],
]);

/** The stable code for an OAuth `error` value (`login_required` → `LOGIN_REQUIRED`), if any. */
export const codeOfOAuthError = (error: unknown): Auth0PermissionsErrorCode | undefined =>
  OAUTH_CODES.get(error);
