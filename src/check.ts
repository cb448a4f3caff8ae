import { Auth0PermissionsError } from './errors.js';
import { parsePermissionExpression } from './expression.js';

/**
 * Granted permissions: a set (fastest), an array, or any iterable of strings, but never one
 * string (`'admin'` would grant `a`, `d`, `m`…): that throws `ERR_INVALID_OPTIONS`.
 */
export type GrantedPermissions = ReadonlySet<string> | (Iterable<string> & { charAt?: never });

function toSet(granted: GrantedPermissions): ReadonlySet<string> {
  if (typeof granted === 'string')
    throw new Auth0PermissionsError(
      'ERR_INVALID_OPTIONS',
      'Granted permissions: a set or a list, not a string',
    );
  return granted instanceof Set ? granted : new Set(granted);
}

/**
 * Exact match: no wildcard, no expression.
 *
 * @throws {Auth0PermissionsError} `ERR_INVALID_OPTIONS` when `granted` is a string.
 *
 * @example
 * hasPermission(new Set(['read:reports']), 'read:reports'); // true
 */
export function hasPermission(granted: GrantedPermissions, permission: string): boolean {
  return typeof permission === 'string' && toSet(granted).has(permission);
}

/** True when at least one of `permissions` is granted (exact match). */
export function hasAnyPermission(
  granted: GrantedPermissions,
  permissions: Iterable<string>,
): boolean {
  const set = toSet(granted);
  for (const p of permissions) if (set.has(p)) return true;
  return false;
}

/** True when every one of `permissions` is granted (exact match). */
export function hasAllPermissions(
  granted: GrantedPermissions,
  permissions: Iterable<string>,
): boolean {
  const set = toSet(granted);
  for (const p of permissions) if (!set.has(p)) return false;
  return true;
}

/**
 * Evaluates a permission expression against granted permissions.
 *
 * @throws {Auth0PermissionsError} `ERR_EXPRESSION_SYNTAX` for a bad expression.
 * @example
 * check(['read:reports'], 'read:reports and not archived'); // true
 * check(['reports:read'], 'reports:*'); // true
 */
export function check(granted: GrantedPermissions, expression: string): boolean {
  return parsePermissionExpression(expression).test(toSet(granted));
}
