import { hasAllPermissions } from '../check.js';
import { EMPTY } from '../claims.js';
import type { Auth0PermissionsError } from '../errors.js';
import type { PermissionsSnapshot, PermissionsState } from '../types.js';

/** The live instance's state and its listeners: one change event, sent only on a real change. */
export interface Store {
  readonly snapshot: PermissionsSnapshot;
  /** Moves to a new state; listeners hear of it unless nothing changed or the store is closed. */
  set(
    state: PermissionsState,
    permissions?: ReadonlySet<string>,
    error?: Auth0PermissionsError,
  ): PermissionsSnapshot;
  subscribe(listener: (snapshot: PermissionsSnapshot) => void): () => void;
  /** Resolves with the first state set. */
  readonly ready: Promise<PermissionsSnapshot>;
  /** No more changes, no more listeners. */
  close(): void;
}

export function createStore(): Store {
  const listeners = new Set<(snapshot: PermissionsSnapshot) => void>();
  let snapshot: PermissionsSnapshot = { state: 'loading', permissions: EMPTY, error: undefined };
  let closed = false;
  let resolveReady: (value: PermissionsSnapshot) => void;
  const ready = new Promise<PermissionsSnapshot>((resolve) => {
    resolveReady = resolve;
  });
  const changes = (state: PermissionsState, permissions: ReadonlySet<string>, error: unknown) =>
    state !== snapshot.state ||
    error !== snapshot.error ||
    permissions.size !== snapshot.permissions.size ||
    !hasAllPermissions(snapshot.permissions, permissions);
  return {
    get snapshot() {
      return snapshot;
    },
    ready,
    set(state, permissions = EMPTY, error) {
      if (!closed && changes(state, permissions, error)) {
        snapshot = { state, permissions, error };
        for (const listener of [...listeners]) {
          try {
            listener(snapshot);
          } catch (listenerError) {
            // One broken listener must not stop the others, nor the state change.
            console.error(listenerError);
          }
        }
      }
      resolveReady(snapshot);
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
