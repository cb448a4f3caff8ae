import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { requestPath } from '../../dev-tenant/lib/http.js';

const ROOT = join(import.meta.dirname, '../..');
const PAGES = join(import.meta.dirname, 'pages/dom');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};
/** The strict policy the `*.csp.html` pages are served with. */
export const STRICT_CSP = "script-src 'self'; style-src 'self'; object-src 'none'";

/**
 * Serves `/dist/…` (the built library), `/node_modules/alpinejs|@auth0/…`, /demo/minimal.html
 * and the pages of test/browser/pages/dom on a free localhost port. `*.csp.html` pages get
 * {@link STRICT_CSP}; `replace` rewrites a string in every HTML page (e.g. the tenant's URL).
 */
export async function serveDomPages(
  options: { replace?: readonly [string, string] } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    const decoded = requestPath(request);
    if (decoded === null) {
      response.writeHead(400).end();
      return;
    }
    const path = normalize(decoded);
    const file =
      path === '/demo/minimal.html' ||
      path.startsWith('/dist/') ||
      path.startsWith('/node_modules/alpinejs/') ||
      path.startsWith('/node_modules/@auth0/auth0-spa-js/')
        ? join(ROOT, path)
        : join(PAGES, path);
    if (!file.startsWith(ROOT)) {
      response.writeHead(403).end();
      return;
    }
    try {
      let body: Buffer | string = await readFile(file);
      if (options.replace && file.endsWith('.html'))
        body = body.toString('utf8').replaceAll(options.replace[0], options.replace[1]);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...(file.endsWith('.csp.html') ? { 'content-security-policy': STRICT_CSP } : {}),
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Headless Chromium, as every browser test starts it. */
export { launchBrowser as launchChromium } from './chromium.js';
