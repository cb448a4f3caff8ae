import { createContext, useContext, useSyncExternalStore } from 'react';
import { Auth0PermissionsError } from '../errors.js';
import type { Permissions, PermissionsSnapshot } from '../types.js';
import { type Gate, gate } from './gate.js';
import { LOADING, snapshotOf } from './store.js';

/** @internal The live instance of the nearest `<PermissionsProvider>`; `null` outside one. */
export const PermissionsContext = createContext<Permissions | null>(null);

/** @internal The error for a hook or provider used outside the component it needs. */
export const notAbove = (component: string, cause?: unknown) =>
  new Auth0PermissionsError('ERR_INVALID_OPTIONS', `No <${component}> above`, { cause });

/**
 * The live instance of the nearest `<PermissionsProvider>`: `refresh()` after a role change,
 * `getAccessToken()` to call your API, `check()`, `login()`, `logout()`, `diagnose()`.
 * It is a stand-in (always loading) during the first render, then the live one: list it in the
 * dependencies of an effect that uses it.
 *
 * With your permission type (`npx auth0-permissions types`), its `check()` and `hasPermission()`
 * reject unknown names at compile time: `usePermissionsInstance<ReportsPermission>()`.
 *
 * @example
 * const permissions = usePermissionsInstance();
 * <button onClick={() => permissions.refresh()}>Refresh permissions</button>
 * @throws {Auth0PermissionsError} `ERR_INVALID_OPTIONS` outside a `<PermissionsProvider>`.
 */
export function usePermissionsInstance<P extends string = string>(): Permissions<P> {
  const instance = useContext(PermissionsContext);
  if (!instance) throw notAbove('PermissionsProvider');
  // The provider holds the instance untyped; the caller names the type its tenant defines.
  return instance as Permissions<P>;
}

/**
 * A value derived from the instance, re-rendering only when the value itself changes; derived
 * from {@link LOADING} on the server and while hydrating.
 */
function useDerived<T>(derive: (snapshot: PermissionsSnapshot) => T): T {
  const instance = usePermissionsInstance();
  // The instance's `subscribe` is the same function for its whole life and needs no `this`.
  return useSyncExternalStore(
    instance.subscribe,
    () => derive(snapshotOf(instance)),
    () => derive(LOADING),
  );
}

/**
 * The current `{ state, permissions, error }`; re-renders only on a real change (a renewed token
 * with the same permissions changes nothing). Server rendering sees `loading`.
 *
 * @example
 * const { state, permissions } = usePermissions();
 * if (state === 'loading') return <Spinner />;
 */
export function usePermissions(): PermissionsSnapshot {
  return useDerived((snapshot) => snapshot);
}

/** @internal Where `expression` stands; re-renders only when that changes. */
export const useGate = (expression: string): Gate =>
  useDerived((snapshot) => gate(snapshot, expression));

/**
 * True while signed in and `expression` holds (`read:reports and not archived`, wildcards
 * included). False while loading, anonymous, on error, and for a bad expression, which is
 * reported once on the console, never thrown.
 *
 * @example
 * const canDelete = usePermission('delete:reports');
 */
export function usePermission(expression: string): boolean {
  return !useGate(expression);
}
