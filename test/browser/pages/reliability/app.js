// Reliability test page: the BUILT library over the real auth0-spa-js or Lock, with the
// directives bound, so what the tests observe is what a user would see.
// `?config=<JSON>`: { sdk: 'spa' | 'lock', domain, clientId, audience, options?, lock?,
// checkSessionTimeoutMs? }. `options` go to createSpaPermissions (SDK and live options) or to
// fromLock (live options). The config is kept in sessionStorage for the logout round-trip.
import { bindDirectives, createSpaPermissions, fromLock, lockOptions } from '/dist/index.js';

const config = readConfig();
const changes = [];
const summary = (snapshot) => ({
  state: snapshot.state,
  permissions: [...snapshot.permissions].sort(),
  error: snapshot.error?.code ?? null,
  cause: snapshot.error?.cause?.error ?? snapshot.error?.cause?.code ?? null,
});

window.rel = { changes, startError: null };
try {
  const permissions = config.sdk === 'lock' ? await startLock() : startSpa();
  permissions.subscribe((snapshot) =>
    changes.push({ at: performance.now(), ...summary(snapshot) }),
  );
  bindDirectives(permissions);
  Object.assign(window.rel, {
    permissions,
    now: () => summary(permissions),
    ready: () => permissions.ready().then(summary),
    refresh: () => permissions.refresh().then(summary),
    visible: () =>
      [...document.querySelectorAll('[data-permission], [data-authenticated]')]
        .filter((element) => element.checkVisibility())
        .map((element) => element.id),
  });
} catch (error) {
  window.rel.startError = { code: error.code, message: error.message };
}

function startSpa() {
  const { sdk: _sdk, options = {}, ...rest } = config;
  return createSpaPermissions({ diagnostics: false, ...rest, ...options });
}

async function startLock() {
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/lock-bundle/lock.js';
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  const { domain, clientId, audience, options = {}, lock: extra = {} } = config;
  const lock = new window.LockBundle.Auth0Lock(
    clientId,
    domain,
    lockOptions({ domain, clientId, audience, ...extra }),
  );
  return fromLock(lock, {
    audience,
    domain,
    clientId,
    diagnostics: false,
    ...(config.checkSessionTimeoutMs ? { checkSessionTimeout: config.checkSessionTimeoutMs } : {}),
    ...options,
  });
}

function readConfig() {
  const given = new URLSearchParams(location.search).get('config');
  if (given) sessionStorage.setItem('rel-config', given);
  return JSON.parse(given ?? sessionStorage.getItem('rel-config') ?? '{}');
}
