export type { FromAuth0VueOptions } from './auth0-vue.js';
export { usePermission, usePermissions, usePermissionsInstance } from './composables.js';
export { createPermissionGuard, type PermissionGuardOptions } from './guard.js';
export { type Auth0PermissionsPluginOptions, createAuth0Permissions } from './plugin.js';
