import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { type Listening, listenOnLocalhost, ROOT } from './harness.js';

const PAGE = join(import.meta.dirname, 'pages/react');
const OUT = join(ROOT, 'test-results/react-page');

/**
 * Bundles test/browser/pages/react/app.ts with Vite (React ships CommonJS only, so the page cannot
 * load it through an import map): the real react, react-dom and @auth0/auth0-react, and the BUILT
 * binding, dist/react/index.js, as an app's bundler would resolve `auth0-permissions/react`.
 */
export async function buildReactPage(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"development"' },
    resolve: {
      alias: [
        {
          find: /^auth0-permissions\/react$/,
          replacement: join(ROOT, 'dist/react/index.js'),
        },
      ],
    },
    build: {
      outDir: OUT,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      chunkSizeWarningLimit: 5000,
      lib: {
        entry: join(PAGE, 'app.ts'),
        formats: ['iife'],
        name: 'ReactTest',
        fileName: () => 'app.js',
      },
    },
  });
}

/** Serves the page (`/index.html`) and its bundle (`/app.js`) on a free `localhost` port. */
export function serveReactPage(): Promise<Listening> {
  return listenOnLocalhost(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = path === '/app.js' ? join(OUT, 'app.js') : join(PAGE, 'index.html');
    const body = await readFile(file);
    response.writeHead(200, {
      'content-type': `text/${extname(file) === '.js' ? 'javascript' : 'html'}; charset=utf-8`,
      'cache-control': 'no-store',
    });
    response.end(body);
  });
}
