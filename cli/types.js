// `npx auth0-permissions types FILE [--api IDENTIFIER] [--out FILE]`: the permissions a tenant's
// APIs define, as a TypeScript module (a union per API, one for all, and the const lists).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GENERATED_HEADER, load } from './sources.js';
import { CliError, runCommand, safeLine, usageError } from './terminal.js';

export const USAGE = `Usage: npx auth0-permissions types FILE [--api IDENTIFIER] [--out FILE]

Writes a TypeScript module with the permissions your Auth0 APIs define: a string-literal
union per API (ReportsPermission for "Reports API"), Permission for all of them, and const
lists (knownPermissions) with each description as JSDoc.

FILE (recognised by its content):
  - an Auth0 Deploy CLI export: tenant.yaml, or the directory format (its root or resource-servers/)
  - a saved Management API response of GET /api/v2/resource-servers (array or paginated object)
  - the local stand-in's fixture, dev-tenant/tenant.json

Options:
  --api ID        only this API (its identifier, or its name); repeat for several
  --out FILE      write the module there (default: standard output)
  -h, --help      show this help

Auth0's own Management API (is_system) is left out unless --api names it.
Exit status: 0 written, 2 usage error, unreadable or unrecognised FILE, unknown --api.`;

const COMMAND = {
  command: 'types',
  usage: USAGE,
  options: {
    '--api': { key: 'api', multiple: true },
    '--out': { key: 'out' },
  },
};

/** `Reports API` → `Reports`; `Legacy API (RBAC off)` → `Legacy`; `https://x.example.com` → `XExampleCom`. */
function baseName(api) {
  const words = (text) =>
    (text.replace(/\([^)]*\)/g, ' ').match(/[\p{L}\p{N}]+/gu) ?? []).filter(
      (w) => !/^api$/i.test(w),
    );
  const found = words(api.name).length
    ? words(api.name)
    : words(api.identifier.replace(/^\w+:\/\//, ''));
  const pascal = found
    .map((w) => w[0].toUpperCase() + (/\p{Ll}/u.test(w) ? w.slice(1) : w.slice(1).toLowerCase()))
    .join('');
  return /^\p{L}/u.test(pascal) ? pascal : `Api${pascal}`;
}

/** One distinct name per API, in order: a clash gets 2, 3… (`Known` and `` are taken). */
function names(apis) {
  const taken = new Set(['', 'Known']);
  return apis.map((api) => {
    const base = baseName(api);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return {
      type: `${name}Permission`,
      list: `${name[0].toLowerCase()}${name.slice(1)}Permissions`,
    };
  });
}

/** Text inside a JSDoc or line comment: one line, no `*\/`, no control characters. */
const comment = (text) => safeLine(text.replace(/\s+/g, ' ').trim()).replaceAll('*/', '*\\/');
const literal = (value) => JSON.stringify(value);

/**
 * The module text: deterministic for a given input (no date), so regenerating in CI shows a diff
 * only when the tenant changed.
 * @param {{ kind: string, apis: import('./sources.js').Api[] }} source
 * @param {string} file as the user named it
 */
export function generate(source, file) {
  const ids = names(source.apis);
  const blocks = source.apis.map((api, i) => {
    const { type, list } = ids[i];
    const about = comment(api.identifier ? `${api.name} (${api.identifier})` : api.name);
    const union = api.permissions.length
      ? api.permissions.map((p) => `\n  | ${literal(p.value)}`).join('')
      : ' never';
    const items = api.permissions
      .map(
        (p) =>
          `${p.description ? `  /** ${comment(p.description)} */\n` : ''}  ${literal(p.value)},\n`,
      )
      .join('');
    return [
      `/** A permission of ${about}. */\nexport type ${type} =${union};`,
      `/** Every permission of ${about}, with its description. */\nexport const ${list} = [\n${items}] as const satisfies readonly ${type}[];`,
    ].join('\n\n');
  });
  return `${GENERATED_HEADER} from ${comment(source.kind)}: ${comment(file)}.
// Do not edit: run the command again when the APIs change.

${blocks.join('\n\n')}

/** A permission of any API above. */
export type Permission = ${ids.map((id) => id.type).join(' | ') || 'never'};

/** Every permission of the APIs above, for \`knownPermissions\` and \`auth0-permissions lint\`. */
export const knownPermissions = [${ids.map((id) => `...${id.list}`).join(', ')}] as const;
`;
}

/** The APIs `--api` names (identifier or name), or every API but Auth0's own. */
function pick(apis, wanted, file) {
  if (!wanted) return apis.filter((api) => !api.system);
  return wanted.map((id) => {
    const api = apis.find((a) => a.identifier === id) ?? apis.find((a) => a.name === id);
    if (api) return api;
    const found = apis.map((a) => `\n  ${a.identifier}  (${a.name})`).join('');
    throw new CliError(`no API "${id}" in ${file}; the APIs found are:${found}`);
  });
}

/**
 * `types` in-process: `argv` without the command name; returns the exit status.
 * @param {readonly string[]} argv
 * @param {{ stdout: any, stderr: any }} io
 */
export function main(argv, io) {
  return runCommand(COMMAND, argv, io, async ({ options, positional }) => {
    const [file, extra] = positional;
    if (!file)
      throw usageError(
        'missing FILE: a Deploy CLI export, a Management API response or the stand-in fixture',
      );
    if (extra !== undefined) throw usageError(`unexpected argument ${extra.slice(0, 40)}`);
    const source = await load(file);
    if (source.kind === 'a list of permission names' || source.kind === 'a generated module')
      throw new CliError(
        `${file} is ${source.kind}, without its APIs: give the tenant's export instead`,
      );
    const apis = pick(source.apis, options.api, file);
    const text = generate({ ...source, apis }, file);
    if (!options.out) {
      io.stdout.write(text);
      return 0;
    }
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, text);
    const count = new Set(apis.flatMap((api) => api.permissions.map((p) => p.value))).size;
    io.stderr.write(
      `auth0-permissions types: ${count} permission(s) of ${apis.length} API(s) written to ${safeLine(options.out)}\n`,
    );
    return 0;
  });
}
