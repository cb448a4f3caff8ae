/// <reference types="vite/client" />
// The Vite SPA: the library from npm (`auth0-permissions`; in this repo Vite resolves it to
// src/index.ts), auth0-spa-js from npm. The gating is in index.html's data-* attributes.
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

const permissions = createSpaPermissions({
  domain: config.domain,
  clientId: config.clientId,
  audience: config.audience,
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
