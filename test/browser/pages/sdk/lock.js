// Test page for lockOptions + fromLock with the real Lock 14 (bundled by the harness).
// `?config=<JSON>` holds { domain, clientId, audience, scope?, lock?: extra Lock options }.
import { fromLock, lockOptions } from '/dist/index.js';

const { domain, clientId, audience, scope, lock: extra = {}, live = {} } = readConfig();
const changes = [];
const summary = (snapshot) => ({
  state: snapshot.state,
  permissions: [...snapshot.permissions].sort(),
  error: snapshot.error?.code ?? null,
  cause: snapshot.error?.cause?.error ?? snapshot.error?.cause?.code ?? null,
});

const options = lockOptions({ domain, clientId, audience, ...(scope ? { scope } : {}), ...extra });
const lock = new window.LockBundle.Auth0Lock(clientId, domain, options);
const permissions = fromLock(lock, {
  audience,
  domain,
  clientId,
  diagnostics: false,
  ...(scope ? { scope } : {}),
  ...live,
});
permissions.subscribe((snapshot) => changes.push({ at: performance.now(), ...summary(snapshot) }));
window.sdkTest = {
  changes,
  options,
  permissions,
  now: () => summary(permissions),
  ready: () => permissions.ready().then(summary),
  refresh: () => permissions.refresh().then(summary),
};

// The configuration arrives as `?config=<JSON>` and is kept in sessionStorage, because the
// login callback URL (this page, without the query) must start with the same options.
function readConfig() {
  const given = new URLSearchParams(location.search).get('config');
  if (given) sessionStorage.setItem('sdk-test-config', given);
  return JSON.parse(given ?? sessionStorage.getItem('sdk-test-config') ?? '{}');
}
