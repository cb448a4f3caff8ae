/** What a code is about: the groups of the code table in the docs. */
export type CodeGroup = 'token' | 'configuration' | 'response' | 'server';

/** One row of the code table. */
export interface CodeInfo {
  group: CodeGroup;
  /** Also thrown as an `Auth0PermissionsError` code (by the live instance, an adapter or `/server`). */
  thrown?: true;
  /** The severity of its finding. */
  severity: 'error' | 'warning' | 'info';
  /** What it means, for the docs' table (Markdown). */
  means: string;
  /** The fix in one line, for the docs' table (Markdown); the finding's own `fix` says more. */
  fix: string;
}

/**
 * Every diagnosis code, the stable contract of `Finding.code` (DESIGN.md, the docs' table).
 * Adding a code is one entry here. Types only reach the bundles; this object is read by the docs
 * generator (docs/build.js writes the table of docs/diagnosis.md from it) and the tests.
 */
export const DIAGNOSIS_CODES = {
  NO_TOKEN: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means: 'nothing was passed',
    fix: 'log in, then pass the access token',
  },
  OPAQUE_TOKEN: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means:
      'a short opaque string, or a 5-part encrypted `{"alg":"dir","enc":"A256GCM"}` token: no `audience` reached `/authorize`',
    fix: 'auth0-spa-js `authorizationParams: { audience }`; Lock `auth: { audience, params: { audience } }` and `lock.checkSession({ audience, scope })`',
  },
  MALFORMED_TOKEN: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means:
      'not a token: whitespace, quotes, JSON, a wrong number of parts, undecodable; or an `exp`, `nbf` or `iat` that is no number (a string, `null`, JSON `1e400`)',
    fix: 'pass the bare access token string, as Auth0 issued it',
  },
  ID_TOKEN_USED: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means: '`aud` is the client id, or `nonce` / `at_hash`, or profile claims and no `scope`',
    fix: 'read the access token; permissions are never in the ID token',
  },
  USERINFO_AUDIENCE_ONLY: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means: '`aud` is only `https://TENANT/userinfo`',
    fix: 'send your API Identifier as `audience`',
  },
  MANAGEMENT_API_AUDIENCE: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means: "`aud` ends with `/api/v2/` (Auth0's Management API)",
    fix: "send your own API's Identifier",
  },
  AUDIENCE_MISMATCH: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means: '`aud` does not contain `--audience` (a trailing slash counts)',
    fix: 'use the Identifier exactly as in APIs → your API → Settings',
  },
  ISSUER_MISMATCH: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means: '`iss` is not `https://DOMAIN/` (custom domain vs `TENANT.auth0.com`, missing slash)',
    fix: 'log in through the domain your API trusts, or accept both issuers',
  },
  TOKEN_EXPIRED: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means: '`exp` is more than 60 s in the past; the evidence shows by how much',
    fix: 'get a fresh token; if it was just issued, the device clock is fast',
  },
  TOKEN_NOT_YET_VALID: {
    group: 'token',
    thrown: true,
    severity: 'warning',
    means: '`nbf`/`iat` more than 60 s in the future: this device clock is behind',
    fix: 'sync the clock',
  },
  PERMISSIONS_CLAIM_MISSING: {
    group: 'token',
    thrown: true,
    severity: 'error',
    means:
      'no `permissions` claim; the message says whether `scope` points to the toggle or to RBAC being off, and says so when one token cannot tell',
    fix: 'Applications → APIs → your API → Settings → RBAC Settings: "Enable RBAC" and "Add Permissions in the Access Token"',
  },
  PERMISSIONS_CLAIM_INVALID: {
    group: 'token',
    severity: 'error',
    means: 'the claim is not an array of strings',
    fix: 'set an array in the Action, or point `claim` elsewhere',
  },
  PERMISSIONS_EMPTY: {
    group: 'token',
    severity: 'warning',
    means: '`permissions: []`: no role of the user grants a permission of this API',
    fix: 'assign a role with permissions of THIS API, then `refresh()`',
  },
  PERMISSIONS_EMPTY_IN_ORGANIZATION: {
    group: 'token',
    severity: 'warning',
    means: '`permissions: []` and `org_id`: roles assigned outside the organization do not count',
    fix: 'Organizations → the organization → Members → the user → Assign Roles',
  },
  NAMESPACED_PERMISSIONS_FOUND: {
    group: 'token',
    severity: 'warning',
    means:
      'the permissions are under a custom claim such as `https://example.com/permissions` (an Action, a Rule, the Authorization Extension)',
    fix: "`claim: 'https://example.com/permissions'`",
  },
  TOKEN_TOO_LARGE: {
    group: 'token',
    thrown: true,
    severity: 'warning',
    means:
      'the token is over 8 KB: servers and proxies reject such `Authorization` headers; over 1 MiB it is an error and the token is refused unread',
    fix: 'fewer permissions per API (split it), smaller custom claims',
  },
  AUDIENCE_NOT_CONFIGURED: {
    group: 'configuration',
    thrown: true,
    severity: 'error',
    means: 'SDK options without any audience',
    fix: 'auth0-spa-js `authorizationParams: { audience }`; Lock `auth: { audience, params: { audience } }`',
  },
  AUDIENCE_MISPLACED: {
    group: 'configuration',
    thrown: true,
    severity: 'error',
    means:
      "a top-level `audience` (auth0-spa-js 2.x and Lock ignore it), or Lock's audience only in `auth.params` (`checkSession` then renews an opaque token)",
    fix: 'put it where the SDK reads it, as above',
  },
  CLIENT_SECRET_IN_BROWSER: {
    group: 'configuration',
    thrown: true,
    severity: 'error',
    means: '`clientSecret` / `client_secret` in browser options (the value is never shown)',
    fix: 'remove and rotate it; a SPA needs none',
  },
  LOCK_RESPONSE_TYPE_CODE: {
    group: 'configuration',
    severity: 'error',
    means:
      "Lock's `responseType` is `code` (the default with `redirectUrl`): no access token, `authenticated` never fires",
    fix: "`auth: { responseType: 'token id_token' }`",
  },
  UNKNOWN_AUDIENCE: {
    group: 'response',
    thrown: true,
    severity: 'error',
    means: '`access_denied` "Service not found: AUD": no API with that Identifier in this tenant',
    fix: 'fix the Identifier, or the domain',
  },
  LOGIN_REQUIRED: {
    group: 'response',
    thrown: true,
    severity: 'warning',
    means:
      '`login_required` / `interaction_required`: no Auth0 session (right after a login: third-party cookies blocked); `mfa_required` too (only an interactive login can ask for the second factor)',
    fix: '`login()`; `useRefreshTokens: true` or a custom domain',
  },
  CONSENT_REQUIRED: {
    group: 'response',
    thrown: true,
    severity: 'error',
    means: '`consent_required`',
    fix: 'log in interactively once, or "Allow Skipping User Consent" (never skipped on `localhost`)',
  },
  RATE_LIMITED: {
    group: 'response',
    thrown: true,
    severity: 'warning',
    means: 'HTTP 429 / `too_many_requests`; `Retry-After` in the evidence',
    fix: "share one token; no `cacheMode: 'off'` in a loop",
  },
  TIMEOUT: {
    group: 'response',
    thrown: true,
    severity: 'warning',
    means: 'the silent iframe got no answer (also what a 429/500 inside it looks like)',
    fix: 'add the origin to Allowed Web Origins, or `useRefreshTokens: true`',
  },
  MISSING_REFRESH_TOKEN: {
    group: 'response',
    thrown: true,
    severity: 'error',
    means: '`missing_refresh_token` from auth0-spa-js',
    fix: '`useRefreshTokensFallback: true`, "Allow Offline Access" on the API',
  },
  GENERATED_TOKEN_TOO_LARGE: {
    group: 'response',
    thrown: true,
    severity: 'error',
    means: 'Auth0 refused: "The generated token is too large"',
    fix: 'fewer permissions per API, smaller custom claims',
  },
  // What only an API sees (auth0-permissions/server).
  SIGNATURE_INVALID: {
    group: 'server',
    thrown: true,
    severity: 'error',
    means: 'the API: the signature does not match the key: the token was forged or altered',
    fix: 'send the token exactly as Auth0 issued it',
  },
  ALGORITHM_NOT_ALLOWED: {
    group: 'server',
    thrown: true,
    severity: 'error',
    means:
      'the API: `alg` is not an accepted algorithm (`none`, or HS256 "signed" with the public key)',
    fix: 'Auth0 signs access tokens with RS256; keep `algorithms` asymmetric',
  },
  KEY_NOT_FOUND: {
    group: 'server',
    thrown: true,
    severity: 'error',
    means: "the API: no key with the token's `kid` in the key set, even after a refetch",
    fix: 'get a token from this tenant; after a key rotation the API refetches at most once per cooldown',
  },
  JWKS_UNAVAILABLE: {
    group: 'server',
    thrown: true,
    severity: 'error',
    means:
      'the API could not fetch the key set (network, HTTP status, not JSON): every token is refused, with 503',
    fix: 'let the API reach the Auth0 domain',
  },
  PERMISSION_DENIED: {
    group: 'server',
    thrown: true,
    severity: 'info',
    means:
      "the API: the token verified, but its permissions do not satisfy the route's expression (403)",
    fix: 'assign a role that grants it, then `refresh()`',
  },
} as const satisfies Record<string, CodeInfo>;

/** Every stable code a {@link Finding} can carry. */
export type DiagnosisCode = keyof typeof DIAGNOSIS_CODES;

/** The diagnosis codes that are also thrown as `Auth0PermissionsError` codes. */
export type ThrownDiagnosisCode = {
  [C in DiagnosisCode]: (typeof DIAGNOSIS_CODES)[C] extends { thrown: true } ? C : never;
}[DiagnosisCode];
