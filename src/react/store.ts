import { EMPTY } from '../claims.js';
import type { Permissions, PermissionsSnapshot } from '../types.js';

const snapshots = new WeakMap<Permissions, PermissionsSnapshot>();

/** What every hook shows on the server (and while hydrating). */
export const LOADING: PermissionsSnapshot = {
  state: 'loading',
  permissions: EMPTY,
  error: undefined,
};

/**
 * The instance's current snapshot, the same object until a real change (what
 * `useSyncExternalStore` needs). The instance replaces its permission set only on a change, so
 * comparing the three fields by identity is enough.
 */
export function snapshotOf(instance: Permissions): PermissionsSnapshot {
  const { state, permissions, error } = instance;
  const cached = snapshots.get(instance);
  if (
    cached &&
    cached.state === state &&
    cached.permissions === permissions &&
    cached.error === error
  )
    return cached;
  const snapshot = { state, permissions, error };
  snapshots.set(instance, snapshot);
  return snapshot;
}
