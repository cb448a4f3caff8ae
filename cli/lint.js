// `npx auth0-permissions lint [globs…] --permissions FILE [--json]`: the permission expressions
// written as literals in templates, checked for syntax and for names no API defines.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { isAuth0PermissionsError, parsePermissionExpression } from '../dist/index.js';
import { suggest } from '../dist/internal/suggest.js';
import { findExpressions, lineColumn } from './scan.js';
import { load } from './sources.js';
import { CliError, runCommand, safeJson, safeLine, usageError } from './terminal.js';

export const USAGE = `Usage: npx auth0-permissions lint [globs…] --permissions FILE [--json]

Checks the permission expressions your templates write as literals: data-permission="…",
check('…'), usePermission('…'), <Can when="…">, <RequirePermission when="…"> and
v-permission="'…'". Reports syntax errors and permission names no API defines, with
file:line:column and a "did you mean".

Options:
  --permissions FILE  what the tenant defines: anything \`types\` reads (Deploy CLI export,
                      Management API response, stand-in fixture), the module \`types\` wrote,
                      or a JSON array of names
  --json              print {"ok", "files", "expressions", "problems"} as JSON (for CI)
  -h, --help          show this help

Globs default to ${'`**/*.{html,htm,jsx,tsx,vue}`'}; a directory means those files inside it;
node_modules and dist are skipped.
Exit status: 0 no problem, 1 a problem found, 2 usage error or unreadable permissions FILE.`;

const COMMAND = {
  command: 'lint',
  usage: USAGE,
  options: {
    '--permissions': { key: 'permissions' },
    '--json': { key: 'json', boolean: true },
  },
};
const TEMPLATES = '**/*.{html,htm,jsx,tsx,vue}';
const IGNORE = ['**/node_modules/**', '**/dist/**'];

/** The files the arguments name, sorted; a directory stands for the templates inside it. */
async function files(patterns, cwd) {
  const expanded = await Promise.all(
    (patterns.length ? patterns : [TEMPLATES]).map(async (pattern) => {
      const info = await stat(resolve(cwd, pattern)).catch(() => undefined);
      return info?.isDirectory() ? `${pattern.replace(/\/+$/, '')}/${TEMPLATES}` : pattern;
    }),
  );
  return glob(expanded, { cwd, ignore: IGNORE, onlyFiles: true, expandDirectories: false });
}

/** A name is defined when some API lists it; a wildcard when it matches some listed name. */
function isDefined(name, knownSet) {
  return name.includes('*') ? parsePermissionExpression(name).test(knownSet) : knownSet.has(name);
}

/** The problems of one expression, each at its offset in the file. */
function problemsOf({ expression, at }, known, knownSet) {
  let parsed;
  try {
    parsed = parsePermissionExpression(expression);
  } catch (error) {
    if (!isAuth0PermissionsError(error) || error.code !== 'ERR_EXPRESSION_SYNTAX') throw error;
    const message = error.message.replace(/ \(position \d+ in .*\)$/s, '');
    return [{ code: 'EXPRESSION_SYNTAX', offset: at(error.position ?? 0), message }];
  }
  const unknown = new Set(parsed.permissions.filter((name) => !isDefined(name, knownSet)));
  // The tokens again, for the position of each unknown name (the parser reports names only).
  return [...expression.matchAll(/[^\s()!&|]+/g)]
    .filter(([name]) => unknown.has(name))
    .map(({ 0: name, index }) => {
      const suggestion = name.includes('*') ? undefined : suggest(name, known);
      return {
        code: 'UNKNOWN_PERMISSION',
        offset: at(index),
        message: `No API defines "${name}"${name.includes('*') ? ' nor any name it matches' : ''}${suggestion ? `: did you mean "${suggestion}"?` : ''}`,
        permission: name,
        ...(suggestion ? { suggestion } : {}),
      };
    });
}

/** Every problem of one file, with line and column. */
async function lintFile(file, cwd, known, knownSet) {
  const text = await readFile(resolve(cwd, file), 'utf8').catch((error) => {
    throw new CliError(`cannot read ${file} (${error.code ?? error.message})`);
  });
  const at = lineColumn(text);
  const expressions = findExpressions(text);
  const problems = expressions.flatMap((found) =>
    problemsOf(found, known, knownSet).map(({ offset, ...problem }) => ({
      file,
      ...at(offset),
      expression: found.expression,
      ...problem,
    })),
  );
  return { expressions: expressions.length, problems };
}

/** Every file, a few at a time: a large tree must not exhaust file descriptors. */
async function lintFiles(list, cwd, known) {
  const knownSet = new Set(known);
  const results = [];
  for (let i = 0; i < list.length; i += 32) {
    const batch = list.slice(i, i + 32).map((file) => lintFile(file, cwd, known, knownSet));
    results.push(...(await Promise.all(batch)));
  }
  return {
    problems: results.flatMap((r) => r.problems),
    expressions: results.reduce((sum, r) => sum + r.expressions, 0),
  };
}

const human = ({ file, line, column, code, message }) =>
  safeLine(`${file}:${line}:${column}  error  ${message}  ${code}`);

/**
 * `lint` in-process: `argv` without the command name; returns the exit status.
 * @param {readonly string[]} argv
 * @param {{ stdout: any, stderr: any, cwd?: () => string }} io like `process` (`cwd` included)
 */
export function main(argv, io) {
  return runCommand(COMMAND, argv, io, async ({ options, positional }) => {
    if (!options.permissions)
      throw usageError('missing --permissions FILE (what the tenant defines)');
    const cwd = io.cwd?.() ?? process.cwd();
    const source = await load(options.permissions, cwd);
    const known = [...new Set(source.apis.flatMap((api) => api.permissions.map((p) => p.value)))];
    if (!known.length) throw usageError(`${options.permissions} defines no permission`);
    const list = await files(positional, cwd);
    if (!list.length) throw usageError(`no file matches ${positional.join(' ') || TEMPLATES}`);
    const { problems, expressions } = await lintFiles(list, cwd, known);
    const ok = problems.length === 0;
    if (options.json) {
      io.stdout.write(`${safeJson({ ok, files: list.length, expressions, problems })}\n`);
    } else {
      const tally = `${expressions} expression(s) in ${list.length} file(s)`;
      io.stdout.write(
        ok
          ? `✔ ${tally}: no problem.\n`
          : `${problems.map(human).join('\n')}\n\n✖ ${problems.length} problem(s) in ${tally}.\n`,
      );
    }
    return ok ? 0 : 1;
  });
}
