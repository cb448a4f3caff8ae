export {
  type Auth0ProviderOptionsInput,
  type Auth0State,
  auth0ProviderOptions,
  type FromAuth0Options,
} from './auth0.js';
export {
  Can,
  type CanProps,
  RequirePermission,
  type RequirePermissionProps,
} from './components.js';
export { usePermission, usePermissions, usePermissionsInstance } from './hooks.js';
export { PermissionsProvider, type PermissionsProviderProps } from './provider.js';
