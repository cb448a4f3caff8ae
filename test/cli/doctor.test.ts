import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as doctorMain } from '../../cli/doctor.js';
import { main as bin } from '../../cli/main.js';
import { diagnose } from '../../src/diagnose/index.js';
import type { DiagnoseExpected, Finding } from '../../src/types.js';
import { buildCases, DESIGN_CODES, EXPECTED } from '../diagnose/cases.js';
import { b64url } from '../support/tokens.js';
import { io, type Run, run } from './run.js';

const root = resolve(import.meta.dirname, '../..');

/** `npx auth0-permissions ARGS`, in-process. */
const doctor = (args: string[], stdin = '', env: Record<string, string> = {}): Promise<Run> =>
  run(bin, args, stdin, env);

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
    for (const c of cases) {
      const [args, stdin] = invocation(c.input);
      runs.push({
        c,
        run: await doctor(['doctor', ...args, ...flags(c.expected), '--json'], stdin),
      });
    }
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
  });

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

  it('names a time claim no Date can hold, or that is no number, instead of "could not be read"', async () => {
    const input = (name: string) => cases.find((c) => c.name === name)?.input as string;
    const early = await doctor([
      'doctor',
      input('exp before any date (-1e13)'),
      ...flags(EXPECTED),
    ]);
    expect(early.code).toBe(1);
    expect(early.stdout).toMatch(
      /^✖ error TOKEN_EXPIRED\n.*\n.*\n {2}Evidence: exp=-10000000000000 now="\d{4}-/,
    );
    const endless = await doctor(['doctor', input('exp: 1e400 (Infinity)'), ...flags(EXPECTED)]);
    expect(endless.code).toBe(1);
    expect(endless.stdout).toMatch(
      /^✖ error MALFORMED_TOKEN\n {2}This is not a token: its exp is not a number\.\n/,
    );
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

  it('prints help and exits 0', async () => {
    const general = await doctor(['--help']);
    expect(general).toMatchObject({ code: 0, stderr: '' });
    expect(general.stdout).toMatch(/doctor \[TOKEN\].*\n.*types FILE.*\n.*lint \[globs…\]/);
    const own = await doctor(['doctor', '--help']);
    expect(own).toMatchObject({ code: 0, stderr: '' });
    expect(own.stdout).toContain('Usage: npx auth0-permissions doctor [TOKEN]');
  });

  it('runs as the package bin (the one spawned test)', () => {
    const { bin: entry } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    const token = cases.find((c) => c.name === 'healthy access token')?.input as string;
    const child = spawnSync(
      process.execPath,
      [resolve(root, entry['auth0-permissions']), 'doctor', ...flags(EXPECTED)],
      { input: token, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } },
    );
    expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
    expect(child.stdout).toMatch(/^✔ No problem found: 2 permission\(s\)/);
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

describe('doctor never passes terminal control sequences through', () => {
  const now = Math.floor(Date.now() / 1000);
  const names = ['read:reports\x1b[2J', 'x\u009b31mred', 'bell\x07'];
  const token = (claims: object) =>
    [
      b64url({ alg: 'RS256', typ: 'at+jwt' }),
      b64url({
        iss: `https://${EXPECTED.domain}/`,
        aud: EXPECTED.audience,
        exp: now + 600,
        iat: now,
        ...claims,
      }),
      'c2ln',
    ].join('.');
  const granted = token({ permissions: names });
  const namespaced = token({ 'https://example.com/permissions': names });
  const callback = JSON.stringify({
    error: 'login_required',
    error_description: 'Login required\x1b]0;pwned title\x07 and \u009b2J',
  });
  const CONTROL = /(?!\n)\p{Cc}/u;

  it.each([
    ['permission names in the summary', [granted, ...flags(EXPECTED)], ''],
    ['permission names in evidence', [namespaced, ...flags(EXPECTED)], ''],
    ['permission names in evidence, --json', [namespaced, ...flags(EXPECTED), '--json'], ''],
    ['an error_description', [], callback],
    ['an error_description, --json', ['--json'], callback],
  ])('%s', async (_name, args, stdin) => {
    const result = await doctor(['doctor', ...args], stdin);
    expect(result.stdout).not.toMatch(CONTROL);
    expect(result.stderr).toBe('');
    // Still there, escaped, so the user sees what the token or the response held.
    expect(result.stdout).toMatch(/\\u001b(\[2J|]0;pwned)/);
    expect(result.stdout).toContain('\\u009b');
    if (args.includes('--json')) {
      const { findings } = JSON.parse(result.stdout) as { findings: Finding[] };
      // The JSON still carries the exact text once parsed.
      expect(JSON.stringify(findings)).toMatch(/\\u001b(\[2J|]0;pwned)/);
      expect(JSON.stringify(findings)).toContain('\u009b');
    }
  });

  it('escapes them in a usage error too', async () => {
    const result = await doctor(['doctor', '--\x1b[2J']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(CONTROL);
  });
});

describe('doctor on an internal failure', () => {
  it('exits 2 (not 1, an error finding) with one line on stderr, no stack trace', async () => {
    const streams = io('');
    const code = await doctorMain(['some-token'], {
      ...streams.io,
      diagnose: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    });
    expect(code).toBe(2);
    expect(streams.out().stdout).toBe('');
    expect(streams.out().stderr).toBe(
      'auth0-permissions doctor: internal error, nothing was checked (RangeError: Maximum call stack size exceeded). Please report it.\n',
    );
  });

  it('never prints a stack trace on permissions nested 5,000 deep', async () => {
    const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
    const claims = `{"iss":"https://${EXPECTED.domain}/","aud":"${EXPECTED.audience}","permissions":${deep}}`;
    const result = await doctor(['doctor', '--json'], claims);
    // Whatever diagnose() makes of it (a finding once it no longer throws), never a crash.
    expect([0, 1, 2]).toContain(result.code);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.split('\n').length).toBeLessThanOrEqual(2);
    if (result.code !== 2) expect(() => JSON.parse(result.stdout)).not.toThrow();
  });
});
