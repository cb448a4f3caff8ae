import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * `vite build` builds the ESM library (dist/index.js). The script-tag builds are IIFEs, one entry
 * each (Vite 8 cannot build an `iife` lib with several entries, see ../shared/TOOLCHAIN.md):
 * - `vite build --mode global`: dist/auth0-permissions.global.js, the core and the directives
 *   without any SDK (it uses the auth0-spa-js or Lock script the page loaded first), plus
 *   dist/auth0-permissions.css;
 * - `vite build --mode global-spa`: dist/auth0-permissions.spa.global.js, the same with
 *   auth0-spa-js bundled, for a one-tag setup.
 */
const SPA_SHIM = '\0auth0-spa-js-from-page';

/** In the core script-tag build, auth0-spa-js is whatever the page loaded as `window.auth0`. */
const spaFromPage = (): Plugin => ({
  name: 'auth0-spa-js-from-page',
  enforce: 'pre',
  resolveId: (id) => (id === '@auth0/auth0-spa-js' ? SPA_SHIM : undefined),
  load: (id) =>
    id === SPA_SHIM
      ? `export class Auth0Client { constructor() { throw new Error('auth0-spa-js is not loaded: add its script before auth0-permissions.global.js'); } }`
      : undefined,
});

const DIAGNOSIS = resolve(root, 'src/global-report.ts');

/** In the script-tag builds, the diagnosis is a second file, loaded on first use. */
const diagnosisFromFile = (): Plugin => ({
  name: 'auth0-permissions-diagnosis-from-file',
  enforce: 'pre',
  resolveId: (id, importer) =>
    importer?.startsWith(resolve(root, 'src')) &&
    (id === './report.js' || id === '../report.js' || id === './diagnose/index.js') &&
    !importer.endsWith('global-diagnosis.ts')
      ? DIAGNOSIS
      : undefined,
});

/** Ships the fail-closed stylesheet for `<link rel="stylesheet">`. */
const emitStylesheet = (): Plugin => ({
  name: 'auth0-permissions-css',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'auth0-permissions.css',
      source: readFileSync(resolve(root, 'src/dom/auth0-permissions.css'), 'utf8'),
    });
  },
});

export default defineConfig(({ mode }) => {
  const spa = mode === 'global-spa';
  const diagnosis = mode === 'global-diagnose';
  const global = mode === 'global' || spa || diagnosis;
  return {
    ...(global
      ? {
          plugins: diagnosis
            ? []
            : spa
              ? [diagnosisFromFile()]
              : [diagnosisFromFile(), spaFromPage(), emitStylesheet()],
          define: { __SPA_SDK_BUNDLED__: String(spa) },
        }
      : {}),
    build: {
      outDir: 'dist',
      emptyOutDir: !global,
      target: 'es2022',
      minify: global,
      sourcemap: true,
      lib: global
        ? {
            entry: resolve(root, diagnosis ? 'src/global-diagnosis.ts' : 'src/global.ts'),
            name: diagnosis ? 'Auth0PermissionsDiagnosisBuild' : 'Auth0Permissions',
            formats: ['iife'],
            fileName: () =>
              diagnosis
                ? 'auth0-permissions.diagnose.global.js'
                : spa
                  ? 'auth0-permissions.spa.global.js'
                  : 'auth0-permissions.global.js',
          }
        : {
            entry: {
              index: resolve(root, 'src/index.ts'),
              // Not public: the did-you-mean the CLI (cli/lint.js) shares with the library.
              'internal/suggest': resolve(root, 'src/internal/suggest.ts'),
              'vue/index': resolve(root, 'src/vue/index.ts'),
              'react/index': resolve(root, 'src/react/index.ts'),
              'server/index': resolve(root, 'src/server/index.ts'),
            },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
      rolldownOptions: {
        external: global
          ? ['auth0-lock']
          : [
              '@auth0/auth0-spa-js',
              'auth0-lock',
              'jwt-decode',
              'vue',
              'vue-router',
              '@auth0/auth0-vue',
              'react',
              '@auth0/auth0-react',
              'jose',
              /^node:/,
            ],
        // One file per module, so `instance.diagnose()` stays a lazy chunk for the app's bundler.
        output: global ? {} : { preserveModules: true, preserveModulesRoot: 'src' },
      },
    },
    test: {
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
      projects: [
        {
          test: {
            name: 'unit',
            include: ['test/**/*.test.ts'],
            exclude: [
              'test/browser/**',
              'test/dev-tenant/**',
              'test/cli/**',
              'test/node/**',
              'test/server/**',
            ],
            environment: 'happy-dom',
          },
        },
        {
          test: {
            name: 'node',
            include: [
              'test/dev-tenant/**/*.test.ts',
              'test/cli/**/*.test.ts',
              'test/node/**/*.test.ts',
              'test/server/**/*.test.ts',
            ],
            environment: 'node',
            testTimeout: 20_000,
          },
        },
        {
          test: {
            name: 'browser',
            include: ['test/browser/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 60_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
