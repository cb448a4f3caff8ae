import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/**
 * `vite build` builds the ESM library (dist/index.js); `vite build --mode global` builds the
 * script-tag IIFE (dist/auth0-permissions.global.js). Vite 8 cannot build an `iife` lib with
 * several entries, hence two runs (see ../shared/TOOLCHAIN.md).
 */
export default defineConfig(({ mode }) => {
  const global = mode === 'global';
  return {
    build: {
      outDir: 'dist',
      emptyOutDir: !global,
      target: 'es2022',
      minify: global,
      sourcemap: true,
      lib: global
        ? {
            entry: resolve(root, 'src/global.ts'),
            name: 'Auth0Permissions',
            formats: ['iife'],
            fileName: () => 'auth0-permissions.global.js',
          }
        : {
            entry: { index: resolve(root, 'src/index.ts') },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
      rolldownOptions: {
        external: global
          ? ['@auth0/auth0-spa-js', 'auth0-lock']
          : ['@auth0/auth0-spa-js', 'auth0-lock', 'jwt-decode'],
        // One file per module, so `instance.diagnose()` stays a lazy chunk for the app's bundler.
        output: global ? {} : { preserveModules: true, preserveModulesRoot: 'src' },
      },
    },
    test: {
      reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
      projects: [
        {
          test: {
            name: 'unit',
            include: ['test/**/*.test.ts'],
            exclude: ['test/browser/**', 'test/dev-tenant/**', 'test/cli/**', 'test/node/**'],
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
