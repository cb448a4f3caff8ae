import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { startDemoApi } from '../../../../demo/api.js';
import { type LogEntry, ROOT } from '../../harness.js';
import {
  ALL,
  type AppConfig,
  AUDIENCE,
  frames,
  isInteractiveAuthorize,
  isSilentAuthorize,
  now,
  openApp,
  type ReliabilityStack,
  ready,
  refresh,
  type Summary,
  sessionLogin,
  visible,
} from './stack.js';

/**
 * The fault matrix: one row = one fault × one SDK mode, run in Chromium against the stand-in.
 * Every row checks, on every animation frame, that no gated element is visible unless the live
 * instance is authenticated and its expression holds; that the page never navigates (no
 * redirect loop, no interactive /authorize); that the requests the fault causes are bounded
 * (counted in the stand-in's request log, or in the browser while the stand-in is down); and
 * that the page recovers without a reload once the fault is cleared.
 */

export type Mode = 'spa-memory' | 'spa-refresh' | 'lock';

/**
 * The SDK's deadline for one silent renewal (auth0-spa-js `authorizeTimeoutInSeconds`, Lock's
 * `checkSession` time-out), in seconds. `short` for the rows that wait for it to pass (the iframe
 * never hears back), so they stay fast; `long` for every other row, whose answer comes at once:
 * with a short deadline there, a busy machine could turn a slow answer into a time-out and a
 * retry that the fault did not cause (and the row would count two attempts instead of one).
 */
export const DEADLINE = { short: 1.5, long: 10 } as const;

/** Page configuration of each mode, for a deadline: short retry delays keep a row fast. */
export function modeConfig(mode: Mode, deadline: keyof typeof DEADLINE): AppConfig {
  const seconds = DEADLINE[deadline];
  switch (mode) {
    // Silent renewal through the hidden /authorize iframe (web_message) + code exchange.
    case 'spa-memory':
      return { sdk: 'spa', options: { authorizeTimeoutInSeconds: seconds, retryDelay: 100 } };
    // Refresh-token grant from the Web Worker; the adapter turns useRefreshTokensFallback on.
    case 'spa-refresh':
      return {
        sdk: 'spa',
        options: { useRefreshTokens: true, authorizeTimeoutInSeconds: seconds, retryDelay: 100 },
      };
    // checkSession through the hidden /authorize iframe (web_message, implicit tokens).
    case 'lock':
      return { sdk: 'lock', checkSessionTimeoutMs: seconds * 1000, options: { retryDelay: 100 } };
  }
}

export type FaultSpec = Record<string, unknown> & { path: string };

export interface Row {
  /** The fault, as the matrix names it. */
  fault: string;
  mode: Mode;
  /** `load`: the fault is there when the page opens; `renewal`: it hits `refresh()`. */
  at: 'load' | 'renewal';
  /** A stand-in fault, or `'down'`: the stand-in's port refuses connections. */
  inject: FaultSpec | 'down' | ((stack: ReliabilityStack) => Promise<void>);
  /** The SDK's renewal deadline (see {@link DEADLINE}); `long` unless the row waits for it. */
  deadline?: keyof typeof DEADLINE;
  /** Extra page options (merged into the mode's `options`). */
  options?: Record<string, unknown>;
  /** Extra page configuration (merged into the mode's). */
  config?: Record<string, unknown>;
  /** Uncaught page errors that are expected (the SDK's own, never the library's). */
  pageErrors?: RegExp;
  /** What the live instance must say while the fault lasts. */
  expect: Partial<Summary> & { permissionCount?: number };
  /** Gated elements that may show while the fault lasts (default: none). */
  shows?: string[];
  /** The requests the fault causes, and how many at most. */
  counted: {
    label: string;
    match: (e: LogEntry) => boolean;
    max: number;
    min?: number;
    /** Counts distinct values (one SDK attempt = one `state`), not requests. */
    key?: (e: LogEntry) => string;
  };
  /** Diagnosis codes `diagnose()` must report while the fault lasts. */
  findings?: string[];
  /** `refresh()` stands in for the user's next action; `automatic` waits for the library. */
  recover: 'refresh()' | 'automatic';
  /** Extra checks while the fault lasts. */
  check?: (row: RowRun) => Promise<void>;
  /** Undo what `inject` changed besides faults (a fixture change). */
  undo?: (stack: ReliabilityStack) => Promise<void>;
}

export interface RowRun {
  stack: ReliabilityStack;
  context: BrowserContext;
  page: import('playwright-core').Page;
  summary: Summary;
  token: () => Promise<string>;
}

export interface RowResult {
  fault: string;
  mode: Mode;
  at: string;
  observed: string;
  shown: string;
  requests: string;
  findings: string;
  /** ms between the counted requests (the stand-in's clock). */
  spacing: number[];
  recovered: string;
  ms: number;
}

/** The demo API (it verifies signatures), started lazily against the stand-in. */
let demoApi: { url: string; close(): Promise<void> } | undefined;
export async function demoApiCall(stack: ReliabilityStack, token: string): Promise<number> {
  demoApi ??= await startDemoApi({ issuer: stack.issuer, audience: AUDIENCE });
  const response = await fetch(`${demoApi.url}/api/reports`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await response.body?.cancel();
  return response.status;
}
export async function stopDemoApi(): Promise<void> {
  await demoApi?.close();
  demoApi = undefined;
}

const describeSummary = (s: Summary) =>
  s.state === 'authenticated'
    ? `authenticated, ${s.permissions.length} permission${s.permissions.length === 1 ? '' : 's'}`
    : `${s.state}${s.error ? ` ${s.error}` : ''}${s.cause ? ` (SDK: ${s.cause})` : ''}`;

async function until(condition: () => Promise<boolean>, timeout = 5000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`condition not met in ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs one row; returns what was observed, for the table in docs/reliability.md. */
export async function runRow(stack: ReliabilityStack, row: Row): Promise<RowResult> {
  const started = Date.now();
  const { admin, relay } = stack;
  await relay.up();
  await admin.reset();
  const context = await stack.browser.newContext();
  const failed: string[] = [];
  context.on('requestfailed', (request) => {
    if (request.url().startsWith(stack.domain)) failed.push(new URL(request.url()).pathname);
  });
  try {
    await sessionLogin(stack, context);
    await admin.clearLog();
    const base = modeConfig(row.mode, row.deadline ?? 'long');
    const config: AppConfig = {
      ...base,
      ...row.config,
      options: { ...(base.options as object), ...row.options },
    };
    const inject = async () => {
      if (row.inject === 'down') await relay.down();
      else if (typeof row.inject === 'function') await row.inject(stack);
      else await admin.fault(row.inject);
    };
    let summary: Summary;
    let app: Awaited<ReturnType<typeof openApp>>;
    if (row.at === 'load') {
      await inject();
      app = await openApp(stack, context, config);
      summary = await ready(app.page);
    } else {
      app = await openApp(stack, context, config);
      expect(await ready(app.page)).toEqual({
        state: 'authenticated',
        permissions: ALL,
        error: null,
        cause: null,
      });
      // Lock makes its own silent /authorize once after construction: let it pass first.
      if (row.mode === 'lock')
        await until(
          async () => ((await admin.log()) as LogEntry[]).filter(isSilentAuthorize).length >= 2,
        );
      await admin.clearLog();
      failed.length = 0;
      await inject();
      summary = await refresh(app.page);
    }
    const { page } = app;
    const { permissionCount, ...expected } = row.expect;
    expect(summary).toMatchObject(expected);
    if (permissionCount !== undefined) expect(summary.permissions).toHaveLength(permissionCount);
    const shown = await visible(page);
    expect(shown.filter((id) => !row.shows?.includes(id))).toEqual([]);
    const findings: string[] = (await page.evaluate(() => window.rel.permissions.diagnose())).map(
      (f: { code: string }) => f.code,
    );
    for (const code of row.findings ?? []) expect(findings).toContain(code);
    const run: RowRun = {
      stack,
      context,
      page,
      summary,
      token: () => page.evaluate(() => window.rel.permissions.getAccessToken()),
    };
    await row.check?.(run);

    // Bounded: the fault's requests, then a quiet moment with no more of them.
    const matching = async () =>
      row.inject === 'down'
        ? failed
            .map((path) => ({ path, params: {} }) as unknown as LogEntry)
            .filter(row.counted.match)
        : ((await admin.log()) as LogEntry[]).filter(row.counted.match);
    const count = async () => {
      const entries = await matching();
      return row.counted.key ? new Set(entries.map(row.counted.key)).size : entries.length;
    };
    const requests = (await matching()).length;
    const counted = await count();
    const times = (await matching()).map((e) => Date.parse(e.time));
    const spacing = times.slice(1).map((t, i) => t - times[i]!);
    expect(counted).toBeLessThanOrEqual(row.counted.max);
    expect(counted).toBeGreaterThanOrEqual(row.counted.min ?? 1);
    await page.waitForTimeout(700);
    expect(await count()).toBe(counted);
    expect(((await admin.log()) as LogEntry[]).filter(isInteractiveAuthorize)).toEqual([]);
    expect((await now(page)).state).toBe(summary.state);

    // The fault clears; the page recovers without a reload.
    if (row.inject === 'down') await relay.up();
    else await admin.clearFaults();
    await row.undo?.(stack);
    const clearedAt = Date.now();
    let recovered: Summary;
    if (row.recover === 'automatic') {
      await page.waitForFunction(() => window.rel.now().state === 'authenticated', null, {
        timeout: 40_000,
        polling: 100,
      });
      recovered = await now(page);
    } else recovered = await refresh(page);
    const recoveryMs = Date.now() - clearedAt;
    expect(recovered).toEqual({
      state: 'authenticated',
      permissions: ALL,
      error: null,
      cause: null,
    });
    expect(await visible(page)).toEqual(expect.arrayContaining(['read', 'delete', 'either']));

    // No redirect loop, no reload, and never a gated element without a valid grant.
    expect(app.navigations).toHaveLength(1);
    expect(page.url()).toContain('/reliability/app.html');
    const seen = await frames(page);
    expect(seen.violations).toEqual([]);
    expect(seen.count).toBeGreaterThan(10);
    expect(app.errors.filter((message) => !row.pageErrors?.test(message))).toEqual([]);
    return {
      fault: row.fault,
      mode: row.mode,
      at: row.at,
      observed: describeSummary(summary),
      shown: shown.length ? shown.join(', ') : 'nothing',
      requests: `${counted} ${row.counted.label}${requests === counted ? '' : ` (${requests} requests)`} (max ${row.counted.max})`,
      findings: findings.join(', ') || '—',
      spacing: row.inject === 'down' ? [] : spacing,
      recovered: `yes, ${row.recover === 'automatic' ? 'automatically' : 'on refresh()'} in ${recoveryMs} ms`,
      ms: Date.now() - started,
    };
  } finally {
    await context.close();
    await relay.up();
  }
}

/** Writes the observed rows (test-results/reliability-NAME.json) and prints them. */
export async function saveResults(name: string, results: RowResult[]): Promise<void> {
  const dir = join(ROOT, 'test-results');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `reliability-${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  for (const r of results)
    console.info(
      `| ${r.fault} | ${r.mode} | ${r.at} | ${r.observed} | ${r.shown} | ${r.requests} | ${r.spacing.join(', ')} | ${r.findings} | ${r.recovered} | ${r.ms} ms |`,
    );
}
