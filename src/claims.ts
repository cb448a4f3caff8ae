/**
 * Which claim holds the permissions: `'permissions'` (Auth0 RBAC), `'scope'` (space-separated),
 * a namespaced custom claim such as `'https://example.com/permissions'` (Authorization Extension
 * or a post-login Action), or a list tried in order (the first claim present in the token wins).
 */
export type PermissionsClaim = string | readonly string[];

/** Options of {@link permissionsFromClaims}. */
export interface PermissionsFromClaimsOptions {
  /** @default 'permissions' */
  claim?: PermissionsClaim;
}

/** The empty, read-only permission set. */
export const EMPTY: ReadonlySet<string> = readonlySet([]);

/** A `Set` whose mutators throw, so a shared permission set cannot be changed by accident. */
export function readonlySet(values: Iterable<string>): ReadonlySet<string> {
  const set = new Set(values);
  const refuse = () => {
    throw new TypeError('The permission set is read-only');
  };
  Object.assign(set, { add: refuse, delete: refuse, clear: refuse });
  return Object.freeze(set);
}

/**
 * The permissions granted by a token's claims, as a read-only set. Anything that is not a list
 * of strings grants nothing: a `permissions` claim that is a string, an object or a number, and
 * non-string entries inside the list.
 *
 * @example
 * permissionsFromClaims(claims); // Set { 'read:reports' }
 * permissionsFromClaims(claims, { claim: 'https://example.com/permissions' });
 * permissionsFromClaims(claims, { claim: ['permissions', 'scope'] });
 */
export function permissionsFromClaims(
  claims: unknown,
  { claim = 'permissions' }: PermissionsFromClaimsOptions = {},
): ReadonlySet<string> {
  if (typeof claims === 'object' && claims)
    for (const name of [claim].flat()) {
      if (!Object.hasOwn(claims, name)) continue;
      let value = (claims as Record<string, unknown>)[name];
      if (name === 'scope' && typeof value === 'string') value = value.split(' ');
      // A post-login Action often writes `{ permissions: [...] }` under its namespaced claim.
      else if (name !== 'permissions' && !Array.isArray(value)) value = Object(value).permissions;
      return Array.isArray(value)
        ? readonlySet(value.filter((p) => typeof p === 'string' && p !== ''))
        : EMPTY;
    }
  return EMPTY;
}
