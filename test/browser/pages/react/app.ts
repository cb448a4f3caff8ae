// Test page for auth0-permissions/react: the REAL react, react-dom and @auth0/auth0-react, and the
// BUILT binding (dist/react/index.js), bundled by test/browser/react-page.ts. Options come from
// `?config=<JSON>`, kept in sessionStorage across the login redirect:
// - `audience`: given to auth0ProviderOptions (the recommended setup); none → a plain
//   <Auth0Provider> without one (the misconfiguration);
// - `providerAudience`: the `audience` prop of <PermissionsProvider>;
// - `bad`: an invalid expression to render in a <Can>.
import { Auth0Provider } from '@auth0/auth0-react';
import {
  auth0ProviderOptions,
  Can,
  PermissionsProvider,
  RequirePermission,
  usePermissions,
  usePermissionsInstance,
} from 'auth0-permissions/react';
import { createElement as h, StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';

type Config = {
  domain: string;
  clientId: string;
  audience?: string;
  providerAudience?: string;
  bad?: string;
};

function readConfig(): Config {
  const given = new URLSearchParams(location.search).get('config');
  if (given) sessionStorage.setItem('react-test-config', given);
  return JSON.parse(given ?? sessionStorage.getItem('react-test-config') ?? '{}');
}

type Record = { state: string; permissions: string[]; present: string[] };
const test = {
  // biome-ignore lint/suspicious/noExplicitAny: the live instance, driven by the tests
  instance: undefined as any,
  /** Every DOM change: the gated elements present and what the instance held at that moment. */
  records: [] as Record[],
  renders: 0,
};
(window as unknown as { reactTest: typeof test }).reactTest = test;

const present = () => [...document.querySelectorAll('[data-gated]')].map((e) => e.id);
new MutationObserver(() => {
  const instance = test.instance;
  test.records.push({
    state: instance?.state ?? 'none',
    permissions: instance ? [...instance.permissions].sort() : [],
    present: present(),
  });
}).observe(document.documentElement, { childList: true, subtree: true });

function Probe() {
  const instance = usePermissionsInstance();
  const { state, permissions, error } = usePermissions();
  test.renders++;
  useEffect(() => {
    test.instance = instance;
  }, [instance]);
  return h(
    'header',
    null,
    h('output', { id: 'state', 'data-state': state }, state),
    h('output', { id: 'error' }, error?.code ?? ''),
    h('output', { id: 'permissions' }, [...permissions].sort().join(' ')),
    h('button', { type: 'button', id: 'login', onClick: () => void instance.login() }, 'Log in'),
    h(
      'button',
      { type: 'button', id: 'refresh', onClick: () => void instance.refresh() },
      'Refresh',
    ),
    h('button', { type: 'button', id: 'logout', onClick: () => void instance.logout() }, 'Log out'),
  );
}

function App({ bad }: { bad?: string | undefined }) {
  const gated = (id: string, text: string) => h('p', { id, 'data-gated': '' }, text);
  return h(
    'main',
    null,
    h(Probe),
    h(Can, { when: 'read:reports' }, gated('reports', 'Reports')),
    h(
      Can,
      { when: 'delete:reports', fallback: gated('read-only', 'Read only') },
      gated('delete', 'Delete'),
    ),
    h(Can, { when: 'manage:users and read:reports' }, gated('admin', 'Admin area')),
    bad
      ? h(Can, { when: bad, fallback: gated('bad-fallback', 'fallback') }, gated('bad', 'x'))
      : null,
    h(
      RequirePermission,
      {
        when: 'manage:users',
        loading: h('p', { id: 'guard-loading' }, 'Checking…'),
        denied: gated('guard-denied', 'No access'),
      },
      gated('guard-admin', 'Admin route'),
    ),
  );
}

const config = readConfig();
const { domain, clientId, audience, providerAudience, bad } = config;
const redirect = { redirect_uri: location.origin + location.pathname };
const providerProps = audience
  ? auth0ProviderOptions({ domain, clientId, audience, authorizationParams: redirect })
  : { domain, clientId, authorizationParams: redirect };

createRoot(document.getElementById('root')!).render(
  h(
    StrictMode,
    null,
    h(
      Auth0Provider,
      providerProps,
      h(
        PermissionsProvider,
        { diagnostics: false, ...(providerAudience ? { audience: providerAudience } : {}) },
        h(App, { bad }),
      ),
    ),
  ),
);
