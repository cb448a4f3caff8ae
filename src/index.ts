export {
  check,
  type GrantedPermissions,
  hasAllPermissions,
  hasAnyPermission,
  hasPermission,
} from './check.js';
export {
  type PermissionsClaim,
  type PermissionsFromClaimsOptions,
  permissionsFromClaims,
} from './claims.js';
export type { DiagnosisCode } from './diagnose/codes.js';
export { bindDirectives } from './dom/index.js';
export {
  Auth0PermissionsError,
  type Auth0PermissionsErrorCode,
  type Auth0PermissionsErrorDetails,
  isAuth0PermissionsError,
} from './errors.js';
export { type PermissionExpression, parsePermissionExpression } from './expression.js';
export type { CheckedExpression } from './expression-types.js';
// Through the seam: the script-tag builds swap it for the version that loads the diagnosis file.
export { diagnose } from './internal/diagnosis.js';
export { type CreatePermissionsOptions, createPermissions } from './permissions.js';
export {
  type FromLockOptions,
  fromLock,
  type LockAuthResult,
  type LockConstructorOptions,
  type LockLike,
  type LockOptionsInput,
  type LockPermissions,
  lockOptions,
} from './sources/lock.js';
export {
  createSpaPermissions,
  type FromAuth0ClientOptions,
  fromAuth0Client,
  type SpaPermissions,
  type SpaPermissionsOptions,
} from './sources/spa.js';
export { inspectToken, type JsonObject, type TokenInspection } from './token.js';
export type {
  DiagnoseExpected,
  Finding,
  KnownPermissions,
  Permissions,
  PermissionsSnapshot,
  PermissionsState,
} from './types.js';
