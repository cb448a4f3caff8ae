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

const EMPTY: ReadonlySet<string> = readonlySet([]);

/** A `Set` whose mutators throw, so a shared permission set cannot be changed by accident. */
export function readonlySet(values: Iterable<string>): ReadonlySet<string> {
  const set = new Set(values);
  const refuse = () => {
    throw new TypeError('The permission set is read-only');
  };
  Object.assign(set, { add: refuse, delete: refuse, clear: refuse });
  return Object.freeze(set);
}

function listFrom(value: unknown, claim: string): string[] | undefined {
  if (claim === 'scope' && typeof value === 'string') return value.split(' ');
  if (Array.isArray(value)) return value;
  // A post-login Action often writes `{ permissions: [...] }` under its namespaced claim.
  if (claim !== 'permissions' && typeof value === 'object' && value !== null) {
    const nested = (value as { permissions?: unknown }).permissions;
    if (Array.isArray(nested)) return nested;
  }
  return undefined;
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
  options: PermissionsFromClaimsOptions = {},
): ReadonlySet<string> {
  if (typeof claims !== 'object' || claims === null) return EMPTY;
  const names = options.claim ?? 'permissions';
  for (const name of typeof names === 'string' ? [names] : names) {
    if (!Object.hasOwn(claims, name)) continue;
    const list = listFrom((claims as Record<string, unknown>)[name], name);
    return list ? readonlySet(list.filter((p) => typeof p === 'string' && p !== '')) : EMPTY;
  }
  return EMPTY;
}
