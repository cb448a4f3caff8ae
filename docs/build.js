#!/usr/bin/env node
// Generated documentation: the API reference in docs/api/ (TypeDoc, from the JSDoc of the public
// entries). `node docs/build.js` writes it; `node docs/build.js --check` (run by `npm test`)
// fails when the committed files differ from what the source gives, so the reference cannot
// drift from the code.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Application } from 'typedoc';

const root = resolve(import.meta.dirname, '..');
const API = join(root, 'docs', 'api');

/** The public entries, as the package's `exports` name them. */
const ENTRIES = ['src/index.ts'];

/** Every file under `dir`, as relative path → content. */
async function snapshot(dir) {
  const files = new Map();
  async function walk(at) {
    let entries;
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(relative(dir, path), await readFile(path, 'utf8'));
    }
  }
  await walk(dir);
  return files;
}

async function generate(out) {
  const app = await Application.bootstrapWithPlugins({
    entryPoints: ENTRIES.map((entry) => join(root, entry)),
    tsconfig: join(root, 'tsconfig.build.json'),
    plugin: ['typedoc-plugin-markdown'],
    out,
    readme: 'none',
    // No "Defined in" links: they carry line numbers and the git revision, which would make the
    // reference differ on every commit.
    disableSources: true,
    excludeInternal: true,
    excludePrivate: true,
    hideGenerator: true,
    logLevel: 'Warn',
  });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not read the entries (see above)');
  await app.generateOutputs(project);
  await writeFile(join(out, '.gitattributes'), '* linguist-generated\n');
}

const check = process.argv.includes('--check');
if (check) {
  const scratch = await mkdtemp(join(tmpdir(), 'a0p-docs-'));
  try {
    await generate(scratch);
    const [want, have] = await Promise.all([snapshot(scratch), snapshot(API)]);
    const stale = [...new Set([...want.keys(), ...have.keys()])].filter(
      (file) => want.get(file) !== have.get(file),
    );
    if (stale.length) {
      console.error(
        `docs/api is out of date (${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}): run \`npm run docs\` and commit the result.`,
      );
      process.exitCode = 1;
    } else console.log(`docs/api is up to date (${want.size} files).`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
} else {
  await rm(API, { recursive: true, force: true });
  await generate(API);
  console.log('docs/api written.');
}
