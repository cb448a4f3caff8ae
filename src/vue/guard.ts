import { inject } from 'vue';
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import type { Permissions } from '../types.js';
import { allows, notInstalled, PERMISSIONS } from './context.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** The permission expression a visitor needs to enter, checked by `createPermissionGuard`. */
    permission?: string;
  }
}

/** Options of {@link createPermissionGuard}. */
export interface PermissionGuardOptions {
  /**
   * Where a refused visitor goes.
   * @default false (the navigation is cancelled)
   */
  denied?: RouteLocationRaw;
  /** The instance to check. @default the one of `createAuth0Permissions()` */
  instance?: Permissions;
}

/**
 * A `vue-router` navigation guard for `router.beforeEach`: a route whose `meta.permission`
 * does not hold is refused, after waiting for the first state while loading. An anonymous
 * visitor is refused like any other (put auth0-vue's `authGuard` on the route to send them to
 * the login first). A bad expression refuses, reported once on the console.
 *
 * @example
 * const routes = [
 *   { path: '/admin', component: Admin, meta: { permission: 'manage:users' } },
 *   { path: '/denied', component: Denied },
 * ];
 * router.beforeEach(createPermissionGuard({ denied: { path: '/denied' } }));
 */
export function createPermissionGuard(options: PermissionGuardOptions = {}) {
  const reported = new Set<unknown>();
  return async (to: RouteLocationNormalized): Promise<boolean | RouteLocationRaw> => {
    const expression = to.meta.permission;
    if (expression === undefined) return true;
    // vue-router (4.2+) runs guards inside the app's context, so inject() finds the plugin.
    const instance = options.instance ?? inject(PERMISSIONS)?.instance;
    if (!instance) throw notInstalled();
    const snapshot = instance.state === 'loading' ? await instance.ready() : instance;
    if (allows(snapshot, expression, reported)) return true;
    return options.denied ?? false;
  };
}
