#!/usr/bin/env node
// Generated documentation: the API reference in docs/api/ (TypeDoc, from the JSDoc of the public
// entries) and the code table of docs/diagnosis.md (from src/diagnose/codes.ts, the one list of
// diagnosis codes). `node docs/build.js` writes both; `node docs/build.js --check` (run by
// `npm test`) fails when the committed files differ from what the source gives, so the docs
// cannot drift from the code.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Application } from 'typedoc';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const API = join(root, 'docs', 'api');

/** The public entries, as the package's `exports` name them. */
const ENTRIES = ['src/index.ts', 'src/react/index.ts', 'src/vue/index.ts', 'src/server/index.ts'];
const DIAGNOSIS = join(root, 'docs', 'diagnosis.md');
const TABLE = /(<!-- codes:start[^\n]*-->\n)[\s\S]*?(<!-- codes:end -->)/;

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

/** The code table, from src/diagnose/codes.ts (compiled on the fly: it is TypeScript). */
async function codeTable() {
  const source = await readFile(join(root, 'src/diagnose/codes.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const dir = await mkdtemp(join(tmpdir(), 'a0p-codes-'));
  try {
    await writeFile(join(dir, 'codes.mjs'), outputText);
    const { DIAGNOSIS_CODES } = await import(pathToFileURL(join(dir, 'codes.mjs')).href);
    const GROUPS = {
      token: 'token',
      configuration: 'configuration',
      response: 'Auth0 response',
      server: 'API only (`/server`)',
    };
    const rows = Object.entries(DIAGNOSIS_CODES).map(
      ([code, info]) =>
        `| \`${code}\` | ${GROUPS[info.group]} | ${info.severity} | ${info.means} | ${info.fix} |`,
    );
    return [
      '| code | about | severity | what it means | fix |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** docs/diagnosis.md with its code table as the source gives it. */
async function diagnosisPage() {
  const page = await readFile(DIAGNOSIS, 'utf8');
  if (!TABLE.test(page)) throw new Error('docs/diagnosis.md has lost its codes:start/end markers');
  const table = await codeTable();
  return page.replace(TABLE, (_, start, end) => `${start}${table}${end}`);
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
    if ((await diagnosisPage()) !== (await readFile(DIAGNOSIS, 'utf8')))
      stale.push('../diagnosis.md');
    if (stale.length) {
      console.error(
        `docs are out of date (${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}): run \`npm run docs\` and commit the result.`,
      );
      process.exitCode = 1;
    } else console.log(`docs/api and docs/diagnosis.md are up to date (${want.size} files).`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
} else {
  await rm(API, { recursive: true, force: true });
  await generate(API);
  await writeFile(DIAGNOSIS, await diagnosisPage());
  console.log('docs/api and the code table of docs/diagnosis.md written.');
}
