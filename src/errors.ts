import type { ThrownDiagnosisCode } from './diagnose/codes.js';

/**
 * Stable error codes carried by {@link Auth0PermissionsError}: the diagnosis codes marked
 * `thrown` in src/diagnose/codes.ts, plus a bad expression, bad options, and a token request
 * that failed for a reason no code names (`TOKEN_REQUEST_FAILED`, the SDK's error as `cause`).
 */
export type Auth0PermissionsErrorCode =
  | ThrownDiagnosisCode
  | 'ERR_EXPRESSION_SYNTAX'
  | 'ERR_INVALID_OPTIONS'
  | 'TOKEN_REQUEST_FAILED';

/** Context carried by an {@link Auth0PermissionsError}, besides its code. */
export interface Auth0PermissionsErrorDetails {
  /** The error that caused this one, e.g. the auth0-spa-js or Lock error. */
  cause?: unknown;
  /** For `ERR_EXPRESSION_SYNTAX`: the expression and the 0-based offset of the problem. */
  expression?: string;
  position?: number;
  /** For `RATE_LIMITED`: seconds the server asked to wait (`Retry-After`). */
  retryAfter?: number;
  /** For `AUDIENCE_MISPLACED`: the places that set an audience and what each set. */
  audiences?: Record<string, string>;
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
  declare readonly audiences?: Record<string, string>;

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
