/** What a code is about: the groups of the code table in the docs. */
export type CodeGroup = 'token' | 'configuration' | 'response' | 'server';

/** One row of the code table. */
export interface CodeInfo {
  group: CodeGroup;
  /** Also thrown as an `Auth0PermissionsError` code (by the live instance, an adapter or `/server`). */
  thrown?: true;
}

/**
 * Every diagnosis code, the stable contract of `Finding.code` (DESIGN.md, the docs' table).
 * Adding a code is one line here. Types only reach the core; this object is read by the docs
 * generator and the tests.
 */
export const DIAGNOSIS_CODES = {
  NO_TOKEN: { group: 'token', thrown: true },
  OPAQUE_TOKEN: { group: 'token', thrown: true },
  MALFORMED_TOKEN: { group: 'token', thrown: true },
  ID_TOKEN_USED: { group: 'token', thrown: true },
  USERINFO_AUDIENCE_ONLY: { group: 'token', thrown: true },
  MANAGEMENT_API_AUDIENCE: { group: 'token', thrown: true },
  AUDIENCE_MISMATCH: { group: 'token', thrown: true },
  ISSUER_MISMATCH: { group: 'token', thrown: true },
  TOKEN_EXPIRED: { group: 'token', thrown: true },
  TOKEN_NOT_YET_VALID: { group: 'token', thrown: true },
  PERMISSIONS_CLAIM_MISSING: { group: 'token', thrown: true },
  PERMISSIONS_CLAIM_INVALID: { group: 'token' },
  PERMISSIONS_EMPTY: { group: 'token' },
  PERMISSIONS_EMPTY_IN_ORGANIZATION: { group: 'token' },
  NAMESPACED_PERMISSIONS_FOUND: { group: 'token' },
  TOKEN_TOO_LARGE: { group: 'token', thrown: true },
  AUDIENCE_NOT_CONFIGURED: { group: 'configuration', thrown: true },
  AUDIENCE_MISPLACED: { group: 'configuration', thrown: true },
  CLIENT_SECRET_IN_BROWSER: { group: 'configuration', thrown: true },
  LOCK_RESPONSE_TYPE_CODE: { group: 'configuration' },
  UNKNOWN_AUDIENCE: { group: 'response', thrown: true },
  LOGIN_REQUIRED: { group: 'response', thrown: true },
  CONSENT_REQUIRED: { group: 'response', thrown: true },
  RATE_LIMITED: { group: 'response', thrown: true },
  TIMEOUT: { group: 'response', thrown: true },
  MISSING_REFRESH_TOKEN: { group: 'response', thrown: true },
  GENERATED_TOKEN_TOO_LARGE: { group: 'response', thrown: true },
  // What only an API sees (auth0-permissions/server).
  SIGNATURE_INVALID: { group: 'server', thrown: true },
  ALGORITHM_NOT_ALLOWED: { group: 'server', thrown: true },
  KEY_NOT_FOUND: { group: 'server', thrown: true },
  JWKS_UNAVAILABLE: { group: 'server', thrown: true },
  PERMISSION_DENIED: { group: 'server', thrown: true },
} as const satisfies Record<string, CodeInfo>;

/** Every stable code a {@link Finding} can carry. */
export type DiagnosisCode = keyof typeof DIAGNOSIS_CODES;

/** The diagnosis codes that are also thrown as `Auth0PermissionsError` codes. */
export type ThrownDiagnosisCode = {
  [C in DiagnosisCode]: (typeof DIAGNOSIS_CODES)[C] extends { thrown: true } ? C : never;
}[DiagnosisCode];
