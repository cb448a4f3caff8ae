// The plain page's app code. auth0-permissions.spa.global.js started the instance from its
// script tag (data-domain, data-client-id, data-audience) and bound the page's data-* attributes;
// this only fills in data: the reports, the user's name, the token inspector.
import { config } from '../shared/config.js';
import { startDashboard } from '../shared/dashboard.js';

const lib = window.Auth0Permissions;
const instance =
  lib.instance ??
  (await new Promise((resolve) =>
    document.addEventListener('auth0-permissions:start', (event) => resolve(event.detail), {
      once: true,
    }),
  ));
const client = instance.client;

startDashboard({
  instance,
  lib,
  sdk: {
    kind: 'spa',
    user: () => client.getUser(),
    async idToken() {
      return (await client.getIdTokenClaims())?.__raw;
    },
    refuseWithoutAudience() {
      lib.createSpaPermissions({ domain: config.domain, clientId: config.clientId });
    },
    // The pitfall: a second auth0-spa-js client, built without an audience.
    tokenWithoutAudience() {
      const Auth0Client = client.constructor;
      const bare = new Auth0Client({ domain: config.domain, clientId: config.clientId });
      return bare.getTokenSilently({ cacheMode: 'off' });
    },
  },
});
