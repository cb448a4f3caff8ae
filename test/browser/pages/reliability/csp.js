// The SDK adapter path under script-src 'self': the script-tag build that bundles auth0-spa-js,
// started by this external script (no inline script, no import map). `?config=<JSON>` holds
// the createSpaPermissions options.
const { createSpaPermissions, bindDirectives } = window.Auth0Permissions;
const config = JSON.parse(new URLSearchParams(location.search).get('config') ?? '{}');
const summary = (snapshot) => ({
  state: snapshot.state,
  permissions: [...snapshot.permissions].sort(),
  error: snapshot.error?.code ?? null,
  cause: snapshot.error?.cause?.error ?? null,
});
const permissions = createSpaPermissions({ diagnostics: false, ...config });
bindDirectives(permissions);
window.rel = {
  permissions,
  changes: [],
  startError: null,
  now: () => summary(permissions),
  ready: () => permissions.ready().then(summary),
  refresh: () => permissions.refresh().then(summary),
  visible: () =>
    [...document.querySelectorAll('[data-permission], [data-authenticated]')]
      .filter((element) => element.checkVisibility())
      .map((element) => element.id),
};
