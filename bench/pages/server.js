// A static file server for the benchmark pages, on localhost only. It serves the built library
// (`/dist/…`), installed packages (`/node_modules/…`) and these pages (`/bench/pages/…`).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { requestPath } from '../../dev-tenant/lib/http.js';

const root = resolve(import.meta.dirname, '..', '..');
const ALLOWED = ['/dist/', '/node_modules/', '/bench/pages/'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Starts the page server on a free port of `localhost`.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function startPageServer() {
  const server = createServer((req, res) => {
    const decoded = requestPath(req);
    if (decoded === null) {
      res.writeHead(400).end();
      return;
    }
    const path = normalize(decoded);
    const file = join(root, path);
    if (!ALLOWED.some((prefix) => path.startsWith(prefix)) || !file.startsWith(root)) {
      res.writeHead(404).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolveServer) => {
    server.listen(0, 'localhost', () => {
      const address = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolveServer({
        url: `http://localhost:${address.port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
