import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { FAIL_CLOSED_CSS } from './src/dom/fail-closed-css.js';

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

/**
 * The seams of the script-tag builds, each replaced by its resolved path:
 * - the diagnosis (src/internal/diagnosis.ts), by the version that loads
 *   auth0-permissions.diagnose.global.js on first use;
 * - what the live instance loads lazily (src/internal/lazy.ts: the error classifier, the
 *   diagnosis), by static imports (src/global/eager.ts): the file bundles the adapters and so the
 *   classifier anyway, and a lazy import would wrap its modules in initialisers.
 */
const SEAMS = new Map([
  [resolve(root, 'src/internal/diagnosis.ts'), resolve(root, 'src/global/diagnosis-file.ts')],
  [resolve(root, 'src/internal/lazy.ts'), resolve(root, 'src/global/eager.ts')],
]);

const scriptTagSeams = (): Plugin => ({
  name: 'auth0-permissions-script-tag-seams',
  enforce: 'pre',
  async resolveId(id, importer, options) {
    const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
    return resolved ? SEAMS.get(resolved.id) : undefined;
  },
});

/** Ships the fail-closed stylesheet for `<link rel="stylesheet">`. */
const emitStylesheet = (): Plugin => ({
  name: 'auth0-permissions-css',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'auth0-permissions.css',
      source: FAIL_CLOSED_CSS,
    });
  },
});

interface Build {
  entry: string;
  /** The IIFE global's name. */
  name: string;
  file: string;
  plugins: () => Plugin[];
  /** auth0-spa-js bundled into the file (else taken from the page). */
  spaBundled: boolean;
}

/** The script-tag builds, by `--mode`; `vite build` alone builds the ESM library. */
const SCRIPT_TAG_BUILDS: Record<string, Build> = {
  global: {
    entry: 'src/global.ts',
    name: 'Auth0Permissions',
    file: 'auth0-permissions.global.js',
    plugins: () => [scriptTagSeams(), spaFromPage(), emitStylesheet()],
    spaBundled: false,
  },
  'global-spa': {
    entry: 'src/global.ts',
    name: 'Auth0Permissions',
    file: 'auth0-permissions.spa.global.js',
    plugins: () => [scriptTagSeams()],
    spaBundled: true,
  },
  'global-diagnose': {
    entry: 'src/global/diagnosis-entry.ts',
    name: 'Auth0PermissionsDiagnosisBuild',
    file: 'auth0-permissions.diagnose.global.js',
    plugins: () => [],
    spaBundled: false,
  },
};

const scriptTagBuild = (build: Build) => ({
  plugins: build.plugins(),
  define: {
    __SPA_SDK_BUNDLED__: String(build.spaBundled),
    // The script-tag builds leave out the development warning of `knownPermissions` (a
    // generated TypeScript list, for apps with a bundler; `auth0-permissions lint` checks HTML).
    __KNOWN_PERMISSIONS_WARNING__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: resolve(root, build.entry),
      name: build.name,
      formats: ['iife' as const],
      fileName: () => build.file,
    },
    rolldownOptions: { external: ['auth0-lock'] },
  },
});

const libraryBuild = {
  define: { __KNOWN_PERMISSIONS_WARNING__: 'true' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: {
        index: resolve(root, 'src/index.ts'),
        // Not public: the did-you-mean the CLI (cli/lint.js) shares with the library.
        'internal/suggest': resolve(root, 'src/internal/suggest.ts'),
        'vue/index': resolve(root, 'src/vue/index.ts'),
        'react/index': resolve(root, 'src/react/index.ts'),
        'server/index': resolve(root, 'src/server/index.ts'),
      },
      formats: ['es' as const],
      fileName: (_format: string, name: string) => `${name}.js`,
    },
    rolldownOptions: {
      external: [
        '@auth0/auth0-spa-js',
        'auth0-lock',
        'vue',
        'vue-router',
        '@auth0/auth0-vue',
        'react',
        '@auth0/auth0-react',
        'jwt-decode',
        'jose',
        /^node:/,
      ],
      // One file per module, so `instance.diagnose()` stays a lazy chunk for the app's bundler.
      output: { preserveModules: true, preserveModulesRoot: 'src' },
    },
  },
};

export default defineConfig(async ({ mode }) => {
  const scriptTag = SCRIPT_TAG_BUILDS[mode];
  // Only vitest needs the sequencer (it imports vitest/node); `vite build` does not load it.
  const { Sequencer } = process.env.VITEST
    ? await import('./test/support/sequencer.js')
    : { Sequencer: undefined };
  return {
    ...(scriptTag ? scriptTagBuild(scriptTag) : libraryBuild),
    test: {
      reporters: ['default', 'json'],
      ...(Sequencer ? { sequence: { sequencer: Sequencer } } : {}),
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
            // vitest's default is one worker fewer than the cores: 1 on a 2-core machine. Two
            // take a third off the unit and node run there (measured, see docs/performance.md).
            maxWorkers: 2,
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
            maxWorkers: 2,
          },
        },
        {
          test: {
            name: 'browser',
            include: ['test/browser/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 60_000,
            // Two files at a time, longest first (test/support/sequencer.ts): each file starts
            // its own Chromium, stand-in, page server and relay on free ports, and most of a
            // file's time is waiting (SDK time-outs, back-offs, quiet windows), not CPU.
            maxWorkers: 2,
            // After unit and node when every project runs at once (`vitest run`), so Chromium's
            // timing never competes with them for the CPU.
            sequence: { groupOrder: 1 },
          },
        },
      ],
    },
  };
});
