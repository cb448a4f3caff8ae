/// <reference types="vite/client" />
// The Vite SPA, in TypeScript: the library from npm (`auth0-permissions`; in this repo Vite
// resolves it to src/index.ts), auth0-spa-js from npm. The gating is in index.html's data-*
// attributes.
import { Auth0Client } from '@auth0/auth0-spa-js';
import {
  bindDirectives,
  createSpaPermissions,
  diagnose,
  inspectToken,
  permissionsFromClaims,
} from 'auth0-permissions';
import { config } from '../shared/config.js';
import { startDashboard } from '../shared/dashboard.js';
// Generated from the stand-in's APIs by `npx auth0-permissions types dev-tenant/tenant.json`.
import { type ReportsPermission, reportsPermissions } from './permissions.js';

// Typed by the Reports API's permissions: `permissions.check('delete:report')` does not compile,
// and in development a typo in index.html's data-permission is reported on the console.
const permissions = createSpaPermissions<ReportsPermission>({
  domain: config.domain,
  clientId: config.clientId,
  audience: config.audience,
  knownPermissions: reportsPermissions,
  // The token inspector shows the findings; no need to print them on the console too.
  diagnostics: false,
});
bindDirectives(permissions);

const { client } = permissions;

startDashboard({
  instance: permissions,
  lib: { diagnose, inspectToken, permissionsFromClaims },
  sdk: {
    kind: 'spa',
    user: () => client.getUser(),
    async idToken() {
      return (await client.getIdTokenClaims())?.__raw;
    },
    refuseWithoutAudience() {
      createSpaPermissions({ domain: config.domain, clientId: config.clientId });
    },
    // The pitfall: a second auth0-spa-js client, built without an audience.
    tokenWithoutAudience() {
      const bare = new Auth0Client({ domain: config.domain, clientId: config.clientId });
      return bare.getTokenSilently({ cacheMode: 'off' });
    },
  },
});
