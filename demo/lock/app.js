// The Lock page: Auth0 Lock from npm, wrapped by fromLock(). lockOptions() puts the audience
// everywhere Lock reads it; the gating is in index.html's data-* attributes.
import { Auth0Lock } from 'auth0-lock';
import {
  bindDirectives,
  diagnose,
  fromLock,
  inspectToken,
  lockOptions,
  permissionsFromClaims,
} from 'auth0-permissions';
import { config } from '../shared/config.js';
import { startDashboard } from '../shared/dashboard.js';

const { domain, clientId, audience } = config;
const scope = 'openid profile email';
const widget = {
  allowSignUp: false,
  allowForgotPassword: false,
  autoclose: true,
  rememberLastLogin: false,
  languageDictionary: { title: 'Acme Reports' },
  theme: { primaryColor: '#4b3fd6' },
};

const lock = new Auth0Lock(clientId, domain, lockOptions({ domain, audience, scope, ...widget }));
// The token inspector shows the findings; no need to print them on the console too.
const permissions = fromLock(lock, { audience, scope, domain, clientId, diagnostics: false });
bindDirectives(permissions);

/** The ID token of the last login or renewal, for the "reading the ID token" pitfall. */
let lastIdToken;
lock.on('authenticated', (result) => {
  lastIdToken = result.idToken;
});

const checkSession = (target, options) =>
  new Promise((resolve, reject) =>
    target.checkSession(options, (error, result) => (error ? reject(error) : resolve(result))),
  );

/** A second Lock, built the broken way, renewing its token once. */
function brokenLock(auth) {
  const options = lockOptions({ domain, audience, ...widget });
  return new Auth0Lock(clientId, domain, {
    ...options,
    auth: { ...auth, responseType: 'token id_token' },
  });
}

startDashboard({
  instance: permissions,
  lib: { diagnose, inspectToken, permissionsFromClaims },
  sdk: {
    kind: 'lock',
    async user() {
      const token = await permissions.getAccessToken();
      return new Promise((resolve, reject) =>
        lock.getUserInfo(token, (error, profile) => (error ? reject(error) : resolve(profile))),
      );
    },
    async idToken() {
      lastIdToken ??= (
        await checkSession(lock, { audience, scope, responseType: 'token id_token' })
      )?.idToken;
      return lastIdToken;
    },
    refuseWithoutAudience() {
      lockOptions({ domain });
    },
    async tokenWithoutAudience() {
      return (await checkSession(brokenLock({}), {}))?.accessToken;
    },
    async tokenWithAudienceOnlyInParams() {
      return (await checkSession(brokenLock({ params: { audience } }), {}))?.accessToken;
    },
  },
});
