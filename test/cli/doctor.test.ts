import { execFile, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import type { DiagnoseExpected, Finding } from '../../src/types.js';
import { buildCases, DESIGN_CODES, EXPECTED } from '../diagnose/cases.js';

const CLI = resolve(import.meta.dirname, '../../cli/doctor.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function doctor(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, NO_COLOR: '', ...env } },
      (error, stdout, stderr) => done({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

const flags = (expected: DiagnoseExpected) => [
  ...(expected.audience ? ['--audience', expected.audience] : []),
  ...(expected.domain ? ['--domain', expected.domain] : []),
  ...(expected.clientId ? ['--client-id', expected.clientId] : []),
  ...[expected.claim ?? []].flat().flatMap((claim) => ['--claim', claim]),
];

/** Strings go as the argument, objects as JSON on standard input, `undefined` as empty input. */
const invocation = (input: unknown): [string[], string] =>
  typeof input === 'string' && input.trim() && !input.startsWith('Bearer')
    ? [[input], '']
    : [[], input === undefined ? '' : typeof input === 'string' ? input : JSON.stringify(input)];

const cases = (await buildCases()).filter((c) => !(c.input instanceof Error));
/** The CLI runs a moment later: clock-dependent numbers may differ by a second. */
const stable = (findings: Finding[]) =>
  findings.map(({ evidence: { now: _now, skewSeconds: _skew, ...evidence }, message, ...f }) => ({
    ...f,
    message: message.replace(/\d+ s\b/g, 'N s'),
    evidence,
  }));
const exitCode = (findings: Finding[]) => (findings.some((f) => f.severity === 'error') ? 1 : 0);

describe('npx auth0-permissions doctor', () => {
  it('agrees with diagnose() on the whole table (--json, exit codes)', async () => {
    const runs: { c: (typeof cases)[number]; run: Run }[] = [];
    const queue = [...cases];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const [args, stdin] = invocation(c.input);
        runs.push({
          c,
          run: await doctor(['doctor', ...args, ...flags(c.expected), '--json'], stdin),
        });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const seen = new Set<string>();
    for (const { c, run } of runs) {
      const findings = diagnose(c.input, c.expected);
      const out = JSON.parse(run.stdout) as { ok: boolean; findings: Finding[] };
      expect({ name: c.name, findings: stable(out.findings) }).toEqual({
        name: c.name,
        findings: stable(findings),
      });
      expect({ name: c.name, code: run.code, ok: out.ok }).toEqual({
        name: c.name,
        code: exitCode(findings),
        ok: exitCode(findings) === 0,
      });
      for (const f of out.findings) seen.add(f.code);
    }
    expect(DESIGN_CODES.filter((code) => !seen.has(code))).toEqual([]);
  }, 60_000);

  it('prints readable blocks without the token, and no colour off a TTY', async () => {
    const token = cases.find((c) => c.name === 'permissions: [] with org_id')?.input as string;
    const run = await doctor(['doctor', token, ...flags(EXPECTED)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^▲ warning PERMISSIONS_EMPTY_IN_ORGANIZATION\n {2}\S.*\n {2}Fix: .*Organizations.*\n {2}Evidence: .*org_id="org_/,
    );
    expect(run.stdout).not.toContain(token.split('.')[1]);
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('reads the token from standard input and says what it found when all is well', async () => {
    const token = cases.find((c) => c.name === 'healthy access token')?.input as string;
    const run = await doctor(['doctor', ...flags(EXPECTED)], `\n  ${token}\n`);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      "✔ No problem found: 2 permission(s) in 'permissions': read:reports delete:reports.\n",
    );
  });

  it('exits 1 on an error finding, from the argument and from stdin alike', async () => {
    const fromArg = await doctor(['doctor', 'Rk9PQkFSYmF6cXV4MTIzNDU2Nzg5MGFi']);
    const fromStdin = await doctor(['doctor'], 'Rk9PQkFSYmF6cXV4MTIzNDU2Nzg5MGFi');
    expect(fromArg.code).toBe(1);
    expect(fromStdin).toEqual(fromArg);
    expect(fromArg.stdout).toMatch(/^✖ error OPAQUE_TOKEN\n/);
  });

  it.each([
    [['doctor', 'a', 'b'], /unexpected argument/],
    [['doctor', '--audience'], /--audience needs a value/],
    [['doctor', '--nope', 'x'], /unknown option --nope/],
    [['check', 'x'], /unknown command check/],
    [[], /missing command/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const run = await doctor(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('prints help and exits 0', () => {
    const run = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: npx auth0-permissions doctor [TOKEN]');
  });

  it('accepts --flag=value and repeated --claim', async () => {
    const token = cases.find((c) => c.name === 'healthy, claim list falls back to scope')
      ?.input as string;
    const run = await doctor([
      'doctor',
      token,
      '--claim=permissions',
      '--claim',
      'scope',
      '--json',
    ]);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, findings: [] });
  });
});
