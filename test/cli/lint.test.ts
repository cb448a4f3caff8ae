import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as bin } from '../../cli/main.js';
import { run } from './run.js';

const root = resolve(import.meta.dirname, '../..');
const templates = resolve(import.meta.dirname, 'fixtures/templates');
const TENANT = resolve(root, 'dev-tenant/tenant.json');
/** `npx auth0-permissions lint ARGS` run from the templates folder. */
const lint = (...args: string[]) => run(bin, ['lint', ...args], '', {}, templates);
const scratch = await mkdtemp(join(tmpdir(), 'a0p-lint-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

interface Problem {
  file: string;
  line: number;
  column: number;
  code: string;
  expression: string;
  permission?: string;
  suggestion?: string;
}
const json = async (...args: string[]) => {
  const result = await lint(...args, '--json');
  return {
    code: result.code,
    ...(JSON.parse(result.stdout) as {
      ok: boolean;
      files: number;
      expressions: number;
      problems: Problem[];
    }),
  };
};

describe('auth0-permissions lint', () => {
  it('finds a seeded typo in HTML, with line:column and a suggestion', async () => {
    const result = await lint('index.html', '--permissions', TENANT);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'index.html:5:30  error  No API defines "delete:report": did you mean "delete:reports"?  UNKNOWN_PERMISSION\n',
    );
  });

  it('finds a seeded typo in TSX (usePermission, <Can when={…}>)', async () => {
    const { problems } = await json('Reports.tsx', '--permissions', TENANT);
    expect(
      problems.map(({ line, column, permission, suggestion }) => ({
        line,
        column,
        permission,
        suggestion,
      })),
    ).toEqual([
      { line: 5, column: 34, permission: 'raed:reports', suggestion: 'read:reports' },
      { line: 9, column: 60, permission: 'manage:user', suggestion: 'manage:users' },
      { line: 9, column: 75, permission: 'admin', suggestion: undefined },
    ]);
  });

  it('finds a seeded typo in Vue (v-permission), skipping bound expressions', async () => {
    const { problems, expressions } = await json('Reports.vue', '--permissions', TENANT);
    expect(expressions).toBe(4); // usePermission and three v-permission; not :data-permission="bound"
    expect(problems[0]).toEqual({
      file: 'Reports.vue',
      line: 10,
      column: 28,
      expression: 'create:report',
      code: 'UNKNOWN_PERMISSION',
      message: 'No API defines "create:report": did you mean "create:reports"?',
      permission: 'create:report',
      suggestion: 'create:reports',
    });
  });

  it('reports a syntax error at its position', async () => {
    const html = await json('index.html', '--permissions', TENANT);
    const vue = await json('Reports.vue', '--permissions', TENANT);
    expect(
      [...html.problems, ...vue.problems].filter((p) => p.code === 'EXPRESSION_SYNTAX'),
    ).toEqual([
      {
        file: 'index.html',
        line: 7,
        column: 38, // at "create:reports"
        expression: 'read:reports create:reports',
        code: 'EXPRESSION_SYNTAX',
        message: 'Use "and" or "or" between "read:reports" and "create:reports"',
      },
      {
        file: 'Reports.vue',
        line: 12,
        column: 36, // at the dangling "and"
        expression: 'read:reports and',
        code: 'EXPRESSION_SYNTAX',
        message: 'Expected a permission after "and"',
      },
    ]);
  });

  it('accepts a wildcard that matches a defined name, and exits 0 when all is well', async () => {
    const clean = await lint('clean', '--permissions', TENANT);
    expect(clean).toEqual({
      code: 0,
      stdout: '✔ 2 expression(s) in 1 file(s): no problem.\n',
      stderr: '',
    });
    const { problems } = await json('index.html', '--permissions', TENANT);
    expect(problems.map((p) => p.expression)).not.toContain('*:reports or manage:users');
    await writeFile(join(scratch, 'wild.html'), '<a data-permission="reports:*">x</a>');
    const wild = await run(
      bin,
      ['lint', 'wild.html', '--permissions', TENANT, '--json'],
      '',
      {},
      scratch,
    );
    expect(JSON.parse(wild.stdout).problems).toMatchObject([
      { code: 'UNKNOWN_PERMISSION', permission: 'reports:*', column: 21 },
    ]);
  });

  it('reads character references in markup (not in JS), and reports positions in the file', async () => {
    await writeFile(
      join(scratch, 'entities.html'),
      [
        '<a href="/" data-permission="read:reports &amp;&amp; delete:report">x</a>',
        '<a href="/" data-permission="read:reports &#38;&#x26; manage:users">y</a>',
        '<script>check("read:reports &amp;&amp; manage:users")</script>',
      ].join('\n'),
    );
    const result = await run(
      bin,
      ['lint', 'entities.html', '--permissions', TENANT, '--json'],
      '',
      {},
      scratch,
    );
    expect(JSON.parse(result.stdout).problems).toMatchObject([
      {
        line: 1,
        column: 54,
        expression: 'read:reports && delete:report',
        suggestion: 'delete:reports',
      },
      { line: 3, column: 29, code: 'EXPRESSION_SYNTAX', message: 'Use "&&" or "and", not "&"' },
    ]);
  });

  it('expands globs and directories; the default is every template below', async () => {
    const files = async (...args: string[]) =>
      new Set((await json(...args, '--permissions', TENANT)).problems.map((p) => p.file));
    expect(await files('*.vue')).toEqual(new Set(['Reports.vue']));
    expect(await files('**/*.{tsx,html}')).toEqual(new Set(['Reports.tsx', 'index.html']));
    expect(await files('.')).toEqual(new Set(['Reports.tsx', 'Reports.vue', 'index.html']));
    const all = await json('--permissions', TENANT);
    expect({
      files: all.files,
      expressions: all.expressions,
      problems: all.problems.length,
    }).toEqual({
      files: 4,
      expressions: 15,
      problems: 7,
    });
    expect(all.ok).toBe(false);
  });

  it('takes the permissions from any source `types` reads, a generated module, or a list of names', async () => {
    const names = join(scratch, 'names.json');
    await writeFile(
      names,
      JSON.stringify(['read:reports', 'create:reports', 'delete:reports', 'manage:users']),
    );
    const generated = join(scratch, 'permissions.ts');
    expect((await run(bin, ['types', TENANT, '--out', generated])).code).toBe(0);
    const yaml = resolve(import.meta.dirname, 'fixtures/tenant.yaml');
    const summary = async (source: string) =>
      (await json('Reports.vue', '--permissions', source)).problems.map(
        (p) => `${p.line}:${p.column} ${p.suggestion}`,
      );
    expect(await summary(names)).toEqual(['10:28 create:reports', '12:36 undefined']);
    expect(await summary(generated)).toEqual(await summary(names));
    expect(await summary(TENANT)).toEqual(await summary(names));
    expect(await summary(yaml)).toEqual(await summary(names));
  });

  it.each([
    [['lint', 'index.html'], /missing --permissions FILE/],
    [['lint', 'nothing-*.html', '--permissions', TENANT], /no file matches nothing-\*\.html/],
    [
      ['lint', '--permissions', 'nope.json'],
      /cannot read nope\.json \(no such file or directory\)/,
    ],
    [['lint', '--permissions', TENANT, '--fix'], /unknown option --fix/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const result = await run(bin, args, '', {}, templates);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
