// In-page half of bench/traffic.js and bench/latency.js. Query parameters: `domain`, `clientId`,
// `audience`, `mode` (login | ours | raw-off | raw-on), `n` (concurrent consumers at load),
// `every` (ms between each consumer's later token requests; 0 = none).
// Results land on `window.benchResult`.
import { Auth0Client } from '@auth0/auth0-spa-js';
import * as library from '/dist/index.js';

const { createSpaPermissions } = library;

const query = new URLSearchParams(location.search);
// The redirect login returns to the bare page: the settings survive in sessionStorage.
if (query.has('domain')) sessionStorage.setItem('bench', location.search);
const saved = new URLSearchParams(sessionStorage.getItem('bench') ?? '');
for (const [key, value] of saved) if (!query.has(key)) query.set(key, value);
const domain = query.get('domain');
const clientId = query.get('clientId');
const audience = query.get('audience');
const mode = query.get('mode') ?? 'ours';
const n = Number(query.get('n') ?? 1);
const every = Number(query.get('every') ?? 0);
const redirect_uri = location.origin + location.pathname;
const started = performance.now();
const stats = { calls: 0, failures: 0, errors: [] };

const consume = async (get) => {
  stats.calls++;
  try {
    await get();
  } catch (error) {
    stats.failures++;
    if (stats.errors.length < 3) stats.errors.push(String(error?.error ?? error?.message ?? error));
  }
};

async function main() {
  if (mode === 'login' || mode === 'ours') {
    const permissions = createSpaPermissions({
      domain,
      clientId,
      audience,
      authorizationParams: { redirect_uri },
      channel: false,
      diagnostics: false,
    });
    window.permissions = permissions;
    if (mode === 'login') {
      // Latency: from the redirect callback (this page load) to the gated UI settled.
      const gated = document.getElementById('gated');
      // Until the ESM build exports bindDirectives, the page gates the element itself.
      const directives = typeof library.bindDirectives === 'function';
      if (directives) library.bindDirectives(permissions);
      else
        permissions.subscribe(() =>
          gated.toggleAttribute(
            'data-permission-granted',
            permissions.hasPermission('read:reports'),
          ),
        );
      const snapshot = await permissions.ready();
      if (snapshot.state === 'anonymous' && !query.has('code')) {
        window.benchResult = { state: snapshot.state };
        return;
      }
      await new Promise((resolve) => {
        const done = () =>
          gated.hasAttribute('data-permission-granted') || permissions.state !== 'authenticated';
        if (done()) resolve();
        else new MutationObserver(() => done() && resolve()).observe(gated, { attributes: true });
      });
      void document.body.offsetHeight;
      window.benchResult = {
        state: permissions.state,
        granted: gated.hasAttribute('data-permission-granted'),
        directives,
        settledMs: performance.now(),
        sinceStartMs: performance.now() - started,
      };
      return;
    }
    const get = () => permissions.getAccessToken();
    await Promise.all([permissions.ready(), ...Array.from({ length: n }, () => consume(get))]);
    if (every) for (let i = 0; i < n; i++) setInterval(() => void consume(get), every);
  } else {
    const client = new Auth0Client({
      domain,
      clientId,
      authorizationParams: { audience, redirect_uri },
    });
    window.client = client;
    const options = mode === 'raw-off' ? { cacheMode: 'off' } : {};
    const get = () => client.getTokenSilently(options);
    await Promise.all(Array.from({ length: n }, () => consume(get)));
    if (every) for (let i = 0; i < n; i++) setInterval(() => void consume(get), every);
  }
  window.benchResult = { loadMs: performance.now() - started, ...stats };
}

window.benchStats = stats;
main().catch((error) => {
  window.benchResult = { fatal: String(error?.message ?? error) };
});
