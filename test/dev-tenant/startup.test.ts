import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startDevTenant } from '../../dev-tenant/server.js';

const CLI = new URL('../../dev-tenant/cli.js', import.meta.url).pathname;

/** Runs the CLI until `until` appears on stdout (or it exits), then stops it. */
function runCli(args: string[], until: RegExp) {
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), 8000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (until.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

describe('starting the stand-in', () => {
  it('takes the next free port when the asked one is busy', async () => {
    const first = await startDevTenant({ port: 0, quiet: true });
    const second = await startDevTenant({ port: first.port, quiet: true });
    try {
      expect(second.port).toBeGreaterThan(first.port);
      expect(second.url).toBe(`http://localhost:${second.port}`);
      expect(second.issuer).toBe(`http://localhost:${second.port}/`);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('answers on 127.0.0.1 and, where the machine has IPv6, on ::1', async () => {
    const tenant = await startDevTenant({ port: 0, quiet: true });
    try {
      expect((await fetch(`http://127.0.0.1:${tenant.port}/`)).status).toBe(200);
      const v6 = await fetch(`http://[::1]:${tenant.port}/`).catch(() => null);
      if (v6) expect(v6.status).toBe(200);
    } finally {
      await tenant.close();
    }
  });

  it('npm run tenant prints what to paste into an app, and that it is not Auth0', async () => {
    const { stdout } = await runCli(['--port', '0', '--quiet'], /Ctrl\+C/);
    expect(stdout).toMatch(/NOT Auth0/);
    expect(stdout).toMatch(/domain\s+http:\/\/localhost:\d+\n/);
    expect(stdout).toMatch(/clientId\s+auth0-permissions-demo/);
    expect(stdout).toMatch(/audience\s+https:\/\/reports\.example\.com/);
  });

  it('warns when listening on an explicit host', async () => {
    const { stderr } = await runCli(['--port', '0', '--host', '127.0.0.2', '--quiet'], /Ctrl\+C/);
    expect(stderr).toMatch(/development tool with a test-only admin API/);
  });

  it('exits with a readable message on a bad config or bad flag', async () => {
    const missing = await runCli(['--config', '/nonexistent/tenant.json'], /$^/);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read /nonexistent/tenant.json');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const flag = await runCli(['--bogus'], /$^/);
    expect(flag.code).toBe(2);
  });
});
