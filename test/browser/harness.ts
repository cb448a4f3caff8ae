import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { requestPath } from '../../dev-tenant/lib/http.js';
import { type DevTenant, startTenant } from '../support/tenant.js';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '../..');
const PAGES = join(import.meta.dirname, 'pages');
const LOCK_BUNDLE = join(ROOT, 'test-results/lock-bundle');

import { findChromium, launchBrowser } from './chromium.js';

export { CHROMIUM_ARGS, findChromium, launchBrowser, NO_CHROMIUM } from './chromium.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** URL prefix → directory. Nothing else of the repository is served. */
const MOUNTS: [string, string][] = [
  ['/dist/', join(ROOT, 'dist')],
  ['/node_modules/@auth0/auth0-spa-js/dist/', join(ROOT, 'node_modules/@auth0/auth0-spa-js/dist')],
  ['/node_modules/jwt-decode/build/', join(ROOT, 'node_modules/jwt-decode/build')],
  ['/lock-bundle/', LOCK_BUNDLE],
  ['/', PAGES],
];

/** A server listening on `localhost` (127.0.0.1 and ::1 on one free port). */
export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 and ::1 with the same free port, so `localhost` works either way. */
export async function listenOnLocalhost(handler: RequestListener): Promise<Listening> {
  const servers: Server[] = [];
  const listen = (port: number, host: string) =>
    new Promise<Server | undefined>((resolve, reject) => {
      const server = createServer(handler);
      server.once('error', (error: NodeJS.ErrnoException) =>
        host === '::1' ? resolve(undefined) : reject(error),
      );
      server.listen(port, host, () => resolve(server));
    });
  const first = (await listen(0, '127.0.0.1'))!;
  servers.push(first);
  const { port } = first.address() as AddressInfo;
  const v6 = await listen(port, '::1');
  if (v6) servers.push(v6);
  return {
    url: `http://localhost:${port}`,
    port,
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}

/**
 * Serves the built library (`/dist/…`), auth0-spa-js's and jwt-decode's browser builds, the Lock
 * bundle (`/lock-bundle/lock.js`) and the test pages of test/browser/pages (at `/`), so pages
 * load the BUILT output through an import map, as an app would.
 */
export function startPageServer(): Promise<Listening> {
  return listenOnLocalhost(async (request, response) => {
    const decoded = requestPath(request);
    if (decoded === null) {
      response.writeHead(400).end();
      return;
    }
    const path = normalize(decoded);
    const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p)) ?? ['/', PAGES];
    const file = join(dir, path.slice(prefix.length));
    if (file !== dir && !file.startsWith(dir + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${path}`);
    }
  });
}

/**
 * Builds `test-results/lock-bundle/lock.js` once (an IIFE setting `window.LockBundle.Auth0Lock`)
 * with Vite, which picks auth0-js's ESM build (plain esbuild breaks it). Cached per Lock version.
 * Browser files run two at a time and several need the bundle: each builds in a directory of its
 * own and renames the result into place, so no page ever loads a half-written bundle.
 */
export async function buildLockBundle(): Promise<string> {
  const { version } = JSON.parse(
    await readFile(join(ROOT, 'node_modules/auth0-lock/package.json'), 'utf8'),
  ) as { version: string };
  const output = join(LOCK_BUNDLE, 'lock.js');
  const stamp = join(LOCK_BUNDLE, 'version.txt');
  if (existsSync(output) && (await readFile(stamp, 'utf8').catch(() => '')) === version)
    return output;
  const work = join(LOCK_BUNDLE, `build-${process.pid}`);
  await mkdir(work, { recursive: true });
  try {
    const entry = join(work, 'entry.js');
    await writeFile(entry, "export { Auth0Lock } from 'auth0-lock';\n");
    const { build } = await import('vite');
    await build({
      configFile: false,
      root: ROOT,
      logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir: work,
        emptyOutDir: false,
        minify: false,
        sourcemap: false,
        chunkSizeWarningLimit: 5000,
        lib: { entry, formats: ['iife'], name: 'LockBundle', fileName: () => 'lock.js' },
      },
    });
    await writeFile(join(work, 'version.txt'), version);
    // The bundle first, then the stamp that says it is complete.
    await rename(join(work, 'lock.js'), output);
    await rename(join(work, 'version.txt'), stamp);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return output;
}

/** The stand-in tenant, the page server and one browser, all on free ports. */
export interface Stack {
  tenant: DevTenant;
  pages: Listening;
  browser: Browser;
  stop(): Promise<void>;
}

/** Starts the local Auth0 stand-in (`dev-tenant/`), the page server and Chromium. */
export async function startStack(options: { lock?: boolean } = {}): Promise<Stack> {
  // Found first: a missing browser fails before anything else starts.
  findChromium();
  if (options.lock) await buildLockBundle();
  const started: { close(): Promise<void> }[] = [];
  try {
    // Its `admin` client carries the stand-in's admin secret.
    const tenant = await startTenant();
    started.push(tenant);
    const pages = await startPageServer();
    started.push(pages);
    const browser = await launchBrowser();
    return {
      tenant,
      pages,
      browser,
      async stop() {
        await browser.close();
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}

/** What the test pages of test/browser/pages/sdk report about the live instance. */
export type Summary = {
  state: string;
  permissions: string[];
  error: string | null;
  cause: string | null;
};

/** One entry of the stand-in's request log (secrets redacted by the stand-in). */
export type LogEntry = {
  time: string;
  method: string;
  path: string;
  params: Record<string, string>;
  status: number;
  durationMs: number;
};

declare global {
  interface Window {
    /** Set by the pages of test/browser/pages/sdk. */
    sdkTest: {
      // biome-ignore lint/suspicious/noExplicitAny: the built library, loaded by the page
      permissions: any;
      options?: Record<string, unknown>;
      changes: (Summary & { at: number })[];
      startError?: { code: string; message: string } | null;
      now(): Summary;
      ready(): Promise<Summary>;
      refresh(): Promise<Summary>;
    };
  }
}
