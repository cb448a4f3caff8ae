#!/usr/bin/env node
// `npm run demo`: the local Auth0 stand-in, the demo API and the demo pages, offline, on free
// ports. AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_AUDIENCE switch to a real tenant instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { createServer } from 'vite';
import { refuseCrossSite } from '../dev-tenant/lib/admin-guard.js';
import { readBody, requestPath, sendError } from '../dev-tenant/lib/http.js';
import { ADMIN_SECRET_HEADER, startDevTenant } from '../dev-tenant/server.js';
import { startDemoApi } from './api.js';

const root = resolve(import.meta.dirname, '..');
const env = process.env;
const real = Boolean(env.AUTH0_DOMAIN && env.AUTH0_CLIENT_ID && env.AUTH0_AUDIENCE);

function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

/** Builds the library when dist/ is missing or older than src/ (about two seconds). */
function buildLibrary() {
  const built = join(root, 'dist', 'auth0-permissions.global.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newest(join(root, 'src'))) return;
  console.log('Building the library…');
  for (const args of [
    ['build'],
    ['build', '--mode', 'global'],
    ['build', '--mode', 'global-spa'],
    // The script-tag pages load the diagnosis lazily from this file.
    ['build', '--mode', 'global-diagnose'],
  ]) {
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/vite/bin/vite.js'), ...args, '--logLevel', 'warn'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (run.status !== 0) throw new Error('The library build failed (see above)');
  }
}

/**
 * The pitfalls panel drives the stand-in's admin API from the page, same-origin, through
 * `/__admin` here. This proxy adds the admin secret server-side, so it must not become the open
 * door the secret closes: it applies the stand-in's checks (loopback Host, no cross-site Origin
 * or Sec-Fetch-Site, JSON writes) before forwarding.
 */
function adminProxy(tenant) {
  const forward = async (req, res) => {
    try {
      refuseCrossSite(req);
    } catch (error) {
      return sendError(res, error);
    }
    const write = req.method !== 'GET' && req.method !== 'HEAD';
    const answer = await fetch(`${tenant.url}/__admin${req.url ?? '/'}`, {
      method: req.method,
      headers: { 'content-type': 'application/json', [ADMIN_SECRET_HEADER]: tenant.adminSecret },
      body: write ? await readBody(req) : null,
    });
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
      'cache-control': 'no-store',
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  };
  return {
    name: 'demo-admin-proxy',
    configureServer(server) {
      server.middlewares.use('/__admin', (req, res) => {
        forward(req, res).catch(() => res.destroy());
      });
    },
  };
}

/** A malformed URL (`//%%%`, `/%`) gets a 400 before Vite sees it. */
function refuseBadUrls() {
  return {
    name: 'demo-refuse-bad-urls',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (requestPath(req) !== null) return next();
        sendError(res, { status: 400, error: 'invalid_request', description: 'Malformed URL' });
      });
    },
  };
}

async function startApiOnFreePort(options, first) {
  for (let candidate = first; candidate < first + 50; candidate++) {
    try {
      return await startDemoApi({ ...options, port: candidate });
    } catch (error) {
      if (error.code !== 'EADDRINUSE') throw error;
    }
  }
  return startDemoApi({ ...options, port: 0 });
}

export async function startDemo({
  quiet = false,
  tenantPort = 4400,
  apiPort = 4402,
  demoPort = 4410,
} = {}) {
  buildLibrary();
  const tenant = real ? undefined : await startDevTenant({ port: tenantPort, quiet: true });
  const domain = real ? env.AUTH0_DOMAIN.replace(/\/$/, '') : tenant.url;
  const issuer = real
    ? `${/^https?:\/\//.test(domain) ? domain : `https://${domain}`}/`
    : tenant.issuer;
  const audience = real ? env.AUTH0_AUDIENCE : 'https://reports.example.com';
  const clientId = real ? env.AUTH0_CLIENT_ID : 'auth0-permissions-demo';
  const api = await startApiOnFreePort({ issuer, audience }, apiPort);
  Object.assign(process.env, {
    VITE_AUTH0_DOMAIN: domain,
    VITE_AUTH0_CLIENT_ID: clientId,
    VITE_AUTH0_AUDIENCE: audience,
    VITE_DEMO_API: api.url,
    VITE_DEV_TENANT: real ? '' : tenant.url,
  });
  const vite = await createServer({
    configFile: false,
    root: join(root, 'demo'),
    publicDir: join(root, 'dist'),
    logLevel: quiet ? 'silent' : 'warn',
    clearScreen: false,
    server: {
      port: demoPort,
      strictPort: false,
      host: 'localhost',
    },
    // Bad URLs refused first; the Vue page's single-file components; the pitfalls' admin proxy.
    plugins: real ? [refuseBadUrls(), vue()] : [refuseBadUrls(), vue(), adminProxy(tenant)],
    // The SPA, Lock, Vue and React pages import the library as an app would, from the repo's source.
    resolve: {
      alias: [
        { find: /^auth0-permissions$/, replacement: join(root, 'src/index.ts') },
        { find: /^auth0-permissions\/vue$/, replacement: join(root, 'src/vue/index.ts') },
        { find: /^auth0-permissions\/react$/, replacement: join(root, 'src/react/index.ts') },
      ],
      // One copy of each, or auth0-vue's injection key and Vue's app context exist twice.
      dedupe: ['vue', '@auth0/auth0-vue'],
    },
    // Pre-bundled at start, so a first visit never triggers Vite's "optimized, reloading".
    optimizeDeps: {
      entries: ['index.html', '*/index.html'],
      include: [
        '@auth0/auth0-spa-js',
        'auth0-lock',
        'jwt-decode',
        'vue',
        'vue-router',
        '@auth0/auth0-vue',
      ],
    },
    build: { chunkSizeWarningLimit: 2000 },
  });
  await vite.listen();
  const url = vite.resolvedUrls.local[0].replace(/\/$/, '');
  const close = async () => {
    await vite.close();
    await api.close();
    await tenant?.close();
  };
  return { url, domain, clientId, audience, api: api.url, tenant, close };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const demo = await startDemo();
  console.log(`
  auth0-permissions demo  →  ${demo.url}/

  ${real ? `Auth0 tenant         ${demo.domain}` : `Auth0 stand-in       ${demo.domain}   (local, NOT Auth0)`}
  client id / audience ${demo.clientId}  /  ${demo.audience}
  demo API             ${demo.api}
  ${real ? '' : `users                admin@ / editor@ / viewer@ / nobody@ / member@example.com, password demo-password\n  admin secret         ${demo.tenant.adminSecret}  (the stand-in's test-only /__admin API)\n`}
  Ctrl-C stops everything.`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, async () => {
      if (stopping) process.exit(1);
      stopping = true;
      await demo.close();
      process.exit(0);
    });
  }
}
