// Test page for createSpaPermissions: the options come from `?config=<JSON>`, which the
// adapter keeps across the login redirect. The tests drive it through window.sdkTest.
import { createSpaPermissions } from '/dist/index.js';

const config = readConfig();
const changes = [];
const summary = (snapshot) => ({
  state: snapshot.state,
  permissions: [...snapshot.permissions].sort(),
  error: snapshot.error?.code ?? null,
  cause: snapshot.error?.cause?.error ?? null,
});

window.sdkTest = { changes, startError: null };
try {
  const permissions = createSpaPermissions({ diagnostics: false, ...config });
  permissions.subscribe((snapshot) =>
    changes.push({ at: performance.now(), ...summary(snapshot) }),
  );
  Object.assign(window.sdkTest, {
    permissions,
    now: () => summary(permissions),
    ready: () => permissions.ready().then(summary),
    refresh: () => permissions.refresh().then(summary),
  });
} catch (error) {
  window.sdkTest.startError = { code: error.code, message: error.message };
}

// The configuration arrives as `?config=<JSON>` and is kept in sessionStorage, because the
// login callback URL (this page, without the query) must start with the same options.
function readConfig() {
  const given = new URLSearchParams(location.search).get('config');
  if (given) sessionStorage.setItem('sdk-test-config', given);
  return JSON.parse(given ?? sessionStorage.getItem('sdk-test-config') ?? '{}');
}
