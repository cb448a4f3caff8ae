import type { Plugin } from 'vue';
import type { Permissions } from '../types.js';
import { type FromAuth0VueOptions, fromAuth0Vue } from './auth0-vue.js';
import { createContext, PERMISSIONS } from './context.js';
import { permissionDirective } from './directive.js';

/** Options of {@link createAuth0Permissions}: the live options, or an existing instance. */
export interface Auth0PermissionsPluginOptions extends FromAuth0VueOptions {
  /**
   * An instance the app already has (`createSpaPermissions`, `fromLock`, `createPermissions`),
   * used instead of building one from auth0-vue. The app keeps ownership: it is not destroyed
   * when the app unmounts.
   */
  instance?: Permissions;
}

/**
 * The Vue plugin: builds the live permission set from the `@auth0/auth0-vue` client installed
 * before it (refusing a missing or misplaced audience before any redirect), provides it to
 * `usePermissions()`, `usePermission()`, `usePermissionsInstance()` and
 * `createPermissionGuard()`, and registers `v-permission`.
 *
 * @example
 * createApp(App)
 *   .use(createAuth0({ domain, clientId, authorizationParams: { audience, redirect_uri } }))
 *   .use(createAuth0Permissions())
 *   .use(router)
 *   .mount('#app');
 * @throws {Auth0PermissionsError} at `app.use()`: `AUDIENCE_NOT_CONFIGURED`,
 * `AUDIENCE_MISPLACED`, `CLIENT_SECRET_IN_BROWSER`, or `ERR_INVALID_OPTIONS` when auth0-vue is
 * not installed first and no `instance` is given.
 */
export function createAuth0Permissions(options: Auth0PermissionsPluginOptions = {}): Plugin {
  return {
    install(app) {
      const { instance: given, ...live } = options;
      const instance = given ?? fromAuth0Vue(app, live);
      const context = createContext(app, instance);
      app.provide(PERMISSIONS, context);
      app.directive('permission', permissionDirective(context));
      // An instance the app passed in stays the app's.
      if (!given) app.onUnmount(instance.destroy);
    },
  };
}
