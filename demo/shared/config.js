// Where the demo runs: set by demo/serve.js (the stand-in, or a real tenant from AUTH0_*).
const env = import.meta.env;

export const config = {
  domain: env.VITE_AUTH0_DOMAIN,
  clientId: env.VITE_AUTH0_CLIENT_ID,
  audience: env.VITE_AUTH0_AUDIENCE,
  api: env.VITE_DEMO_API,
  /** The stand-in's URL; empty with a real tenant (then the pitfalls panel is hidden). */
  devTenant: env.VITE_DEV_TENANT,
};

/** What `diagnose()` compares tokens with. */
export const expected = {
  audience: config.audience,
  domain: config.domain,
  clientId: config.clientId,
};

/** The stand-in's users (see dev-tenant/tenant.json); every password is `demo-password`. */
export const FIXTURE_USERS = [
  { email: 'admin@example.com', name: 'Ada Admin', role: 'admin', sees: 'everything' },
  { email: 'editor@example.com', name: 'Eddie Editor', role: 'editor', sees: 'read, create' },
  { email: 'viewer@example.com', name: 'Vera Viewer', role: 'viewer', sees: 'read only' },
  { email: 'nobody@example.com', name: 'Noah Nobody', role: 'no roles', sees: 'nothing' },
];

export const PASSWORD = 'demo-password';

/** Every permission of the Reports API, to show granted and missing ones. */
export const API_PERMISSIONS = ['read:reports', 'create:reports', 'delete:reports', 'manage:users'];

/** The post-login action of the stand-in that writes a namespaced permissions claim. */
export const NAMESPACED_ACTION = 'authorization-extension';
export const NAMESPACED_CLAIM = 'https://example.com/permissions';
