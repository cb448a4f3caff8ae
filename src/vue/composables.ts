import { type ComputedRef, computed, type MaybeRefOrGetter, type ShallowRef, toValue } from 'vue';
import type { Permissions, PermissionsSnapshot } from '../types.js';
import { allows, useContext } from './context.js';

/**
 * The permissions snapshot (`state`, `permissions`, `error`) as a read-only ref that changes
 * with the live instance. Call it in `setup()`.
 *
 * @example
 * const snapshot = usePermissions();
 * // <p v-if="snapshot.state === 'loading'">Checking your session…</p>
 */
export function usePermissions(): Readonly<ShallowRef<PermissionsSnapshot>> {
  return useContext().snapshot;
}

/**
 * `true` while signed in and `expression` holds; `false` while loading, anonymous, on an error,
 * and for a bad expression (reported once on the console, never thrown into the render).
 *
 * @param expression An expression such as `read:reports and not archived`, or a ref/getter of one.
 * @example
 * const canDelete = usePermission('delete:reports');
 * // <button v-if="canDelete" @click="remove">Delete</button>
 */
export function usePermission(expression: MaybeRefOrGetter<string>): ComputedRef<boolean> {
  const { snapshot, reported } = useContext();
  return computed(() => allows(snapshot.value, toValue(expression), reported));
}

/**
 * The live instance the plugin uses: `refresh()` after a role change, `getAccessToken()` to
 * call your API, `check()`, `diagnose()`, `login()`, `logout()`.
 *
 * @example
 * const permissions = usePermissionsInstance();
 * await fetch('/api/reports', {
 *   headers: { authorization: `Bearer ${await permissions.getAccessToken()}` },
 * });
 */
export function usePermissionsInstance<P extends string = string>(): Permissions<P> {
  // The plugin holds the instance untyped; the caller names the type its tenant defines
  // (`npx auth0-permissions types`), and check() then rejects unknown names at compile time.
  return useContext().instance as Permissions<P>;
}
