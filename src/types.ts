import type { PermissionsClaim } from './claims.js';
import type { DiagnosisCode } from './diagnose/codes.js';
import type { Auth0PermissionsError } from './errors.js';

/** Where the live instance stands. Gated content shows only in `authenticated`. */
export type PermissionsState = 'loading' | 'authenticated' | 'anonymous' | 'error';

/** What a listener receives on every change. */
export interface PermissionsSnapshot {
  readonly state: PermissionsState;
  readonly permissions: ReadonlySet<string>;
  readonly error: Auth0PermissionsError | undefined;
}

/** What {@link Permissions.diagnose} and `diagnose()` compare the token with. */
export interface DiagnoseExpected {
  /** The API Identifier your app should send as `audience`. */
  audience?: string;
  /** The Auth0 domain (`example.eu.auth0.com`, a custom domain or `http://localhost:4400`). */
  domain?: string;
  /** The expected `iss`; derived from `domain` when absent. */
  issuer?: string;
  clientId?: string;
  /** The scope the app requested; tells "RBAC off" from "permissions toggle off". */
  scope?: string;
  claim?: PermissionsClaim;
  /** Current time in seconds, for expiry checks. @default Date.now() / 1000 */
  now?: number;
}

/** One explanation of a missing permission or a misconfiguration. */
export interface Finding {
  /** A stable code such as `OPAQUE_TOKEN` (src/diagnose/codes.ts, the docs' table). */
  code: DiagnosisCode;
  severity: 'error' | 'warning' | 'info';
  /** One line saying what is wrong. */
  message: string;
  /** What to change: the SDK option or the Auth0 dashboard setting. */
  fix: string;
  /** The claim values or error that proved it (never a whole token). */
  evidence: Record<string, unknown>;
}

/**
 * The live permission set of the signed-in user, kept current across renewal, role changes
 * (after {@link Permissions.refresh}) and logout. Returned by every adapter.
 */
export interface Permissions {
  readonly state: PermissionsState;
  /** Read-only; empty unless `state` is `authenticated`. */
  readonly permissions: ReadonlySet<string>;
  readonly error: Auth0PermissionsError | undefined;
  /** Exact match. */
  hasPermission(permission: string): boolean;
  hasAnyPermission(permissions: Iterable<string>): boolean;
  hasAllPermissions(permissions: Iterable<string>): boolean;
  /**
   * Evaluates an expression such as `read:reports and not archived`.
   * @throws {Auth0PermissionsError} `ERR_EXPRESSION_SYNTAX`
   */
  check(expression: string): boolean;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (snapshot: PermissionsSnapshot) => void): () => void;
  /** Resolves once the first state other than `loading` is known. */
  ready(): Promise<PermissionsSnapshot>;
  /** Fetches a fresh token, bypassing caches (e.g. after a role change). Never rejects. */
  refresh(): Promise<PermissionsSnapshot>;
  /** The current access token, to call your API with (shares the in-flight request). */
  getAccessToken(): Promise<string>;
  login(): Promise<void>;
  /** Drops every permission at once, then logs out through the SDK. */
  logout(): Promise<void>;
  /** Explains why permissions are missing (loads the diagnosis code on first use). */
  diagnose(): Promise<Finding[]>;
  /** Stops timers and listeners. The instance stays readable but no longer updates. */
  destroy(): void;
}
