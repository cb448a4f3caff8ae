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
export { diagnose } from './diagnose/index.js';
export {
  Auth0PermissionsError,
  type Auth0PermissionsErrorCode,
  type Auth0PermissionsErrorDetails,
  isAuth0PermissionsError,
} from './errors.js';
export { type PermissionExpression, parsePermissionExpression } from './expression.js';
export { type CreatePermissionsOptions, createPermissions } from './permissions.js';
export { inspectToken, type JsonObject, type TokenInspection } from './token.js';
export type {
  DiagnoseExpected,
  Finding,
  Permissions,
  PermissionsSnapshot,
  PermissionsState,
} from './types.js';
