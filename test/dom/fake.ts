import { vi } from 'vitest';
import type { Permissions, PermissionsSnapshot, PermissionsState } from '../../src/types.js';

export type FakePermissions = Permissions & {
  emit(state: PermissionsState, permissions?: string[]): void;
  listenerCount(): number;
};

/** A live instance driven by hand: `emit('authenticated', ['read:reports'])`. */
export function fakePermissions(
  state: PermissionsState = 'loading',
  granted: string[] = [],
): FakePermissions {
  let snapshot: PermissionsSnapshot = { state, permissions: new Set(granted), error: undefined };
  const listeners = new Set<(snapshot: PermissionsSnapshot) => void>();
  return {
    get state() {
      return snapshot.state;
    },
    get permissions() {
      return snapshot.permissions;
    },
    get error() {
      return snapshot.error;
    },
    hasPermission: (permission) => snapshot.permissions.has(permission),
    hasAnyPermission: () => false,
    hasAllPermissions: () => false,
    check: () => false,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    ready: async () => snapshot,
    refresh: vi.fn(async () => snapshot),
    getAccessToken: async () => 'token',
    login: vi.fn(async () => {}),
    logout: vi.fn(async () => {}),
    diagnose: async () => [],
    destroy() {},
    emit(next, permissions = []) {
      snapshot = { state: next, permissions: new Set(permissions), error: undefined };
      for (const listener of [...listeners]) listener(snapshot);
    },
    listenerCount: () => listeners.size,
  };
}

/** Lets the MutationObserver deliver its records. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

export const granted = (element: Element | null) =>
  element?.hasAttribute('data-permission-granted') ?? false;

export function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}
