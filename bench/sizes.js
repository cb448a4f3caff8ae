// Sizes, min+gzip, measured the way bench/size.js measures ours: esbuild bundles an import of a
// package's main public entry, minifies and gzips it (level 9). Script-tag files are gzipped as
// shipped. ngx-permissions is not a devDependency (its Angular peers weigh ~44 MB): its tarball
// is fetched once with `npm pack` into node_modules/.cache and bundled with Angular, rxjs and
// tslib left external, so its figure is the library's own code only.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { measure, measureBudgets } from './size.js';

const root = resolve(import.meta.dirname, '..');
const cache = join(root, 'node_modules', '.cache', 'auth0-permissions-bench');
const NGX = 'ngx-permissions@19';

const gzipFile = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The unpacked ngx-permissions package folder, fetched once; undefined when it cannot be. */
function ngxPermissions() {
  const folder = join(cache, 'ngx-permissions', 'package');
  if (existsSync(join(folder, 'package.json'))) return folder;
  try {
    const target = join(cache, 'ngx-permissions');
    mkdirSync(target, { recursive: true });
    const tarball = execFileSync('npm', ['pack', NGX, '--pack-destination', target, '--silent'], {
      cwd: target,
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['xzf', join(target, tarball), '-C', target], { timeout: 30_000 });
    return existsSync(join(folder, 'package.json')) ? folder : undefined;
  } catch {
    return undefined;
  }
}

function fesmOf(folder) {
  const fesm = join(folder, 'fesm2022');
  const file = existsSync(fesm) ? readdirSync(fesm).find((f) => f.endsWith('.mjs')) : undefined;
  return file ? join(fesm, file).replaceAll('\\', '/') : undefined;
}

/**
 * @typedef {{ name: string, what: string, bytes: number, note?: string }} PeerSize
 * @returns {Promise<{ ours: Awaited<ReturnType<typeof measureBudgets>>,
 *   scripts: { file: string, bytes: number }[], peers: PeerSize[] }>}
 */
export async function runSizes() {
  const ours = await measureBudgets();
  const dist = join(root, 'dist');
  const scripts = existsSync(dist)
    ? readdirSync(dist)
        .filter((file) => file.endsWith('.global.js'))
        .map((file) => ({ file, bytes: gzipFile(join(dist, file)) }))
    : [];

  /** @type {{ name: string, what: string, code?: string, file?: string, external?: string[], note?: string }[]} */
  const peers = [
    {
      name: '@casl/ability',
      what: '`{ createMongoAbility }`',
      code: `export { createMongoAbility } from '@casl/ability'`,
    },
    { name: 'alpinejs', what: 'ESM default export', code: `export { default } from 'alpinejs'` },
    {
      name: 'alpinejs',
      what: 'script tag `dist/cdn.min.js`',
      file: join(root, 'node_modules/alpinejs/dist/cdn.min.js'),
    },
    { name: 'keycloak-js', what: 'default export', code: `export { default } from 'keycloak-js'` },
    {
      name: '@kinde-oss/kinde-auth-pkce-js',
      what: '`{ createKindeClient }`',
      code: `export { default } from '@kinde-oss/kinde-auth-pkce-js'`,
    },
    {
      name: '@auth0/auth0-spa-js',
      what: '`{ Auth0Client }` (the SDK our adapter drives; context)',
      code: `export { Auth0Client } from '@auth0/auth0-spa-js'`,
      sdks: true,
    },
  ];
  const ngx = ngxPermissions();
  const ngxFile = ngx && fesmOf(ngx);
  const ngxVersion = ngx ? JSON.parse(readFileSync(join(ngx, 'package.json'), 'utf8')).version : '';
  peers.push({
    name: `ngx-permissions${ngxVersion ? ` ${ngxVersion}` : ''}`,
    what: '`{ NgxPermissionsModule, NgxPermissionsService }`, Angular/rxjs/tslib external',
    ...(ngxFile
      ? {
          code: `export { NgxPermissionsModule, NgxPermissionsService } from '${ngxFile}'`,
          external: ['@angular/*', 'rxjs', 'rxjs/*', 'tslib'],
        }
      : { note: `not measured: \`npm pack ${NGX}\` failed (offline?)` }),
  });

  /** @type {PeerSize[]} */
  const measured = [];
  for (const peer of peers) {
    try {
      const bytes = peer.file
        ? gzipFile(peer.file)
        : peer.code
          ? (await measure(peer.code, peer)).first
          : Number.NaN;
      measured.push({ name: peer.name, what: peer.what, bytes, note: peer.note });
    } catch (error) {
      measured.push({
        name: peer.name,
        what: peer.what,
        bytes: Number.NaN,
        note: `not measured: ${String(error.message).split('\n')[0]}`,
      });
    }
  }
  return { ours, scripts, peers: measured };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runSizes(), null, 2));
}
