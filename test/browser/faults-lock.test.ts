import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from './harness.js';
import {
  demoApiCall,
  type Row,
  type RowResult,
  runRow,
  saveResults,
  stopDemoApi,
} from './pages/reliability/matrix.js';
import {
  ALL,
  AUDIENCE,
  isSilentAuthorize,
  type ReliabilityStack,
  startReliabilityStack,
} from './pages/reliability/stack.js';

/**
 * The fault matrix for lockOptions + fromLock over the REAL Lock 14 in Chromium. Lock renews
 * with checkSession: a hidden /authorize iframe (prompt=none, web_message) that returns the
 * tokens itself, so every fault is placed there. The page gives checkSession a 1.5 s time-out
 * (fromLock has no option for it; auth0-js waits 60 s by default).
 */

let stack: ReliabilityStack;
const results: RowResult[] = [];
beforeAll(async () => {
  stack = await startReliabilityStack({ lock: true });
});
afterAll(async () => {
  await saveResults('lock', results);
  await stopDemoApi();
  await stack?.stop();
});

const mode = 'lock';
// One checkSession = one `state`; Chromium re-sends a GET whose reused connection was reset.
const silent = (max: number) => ({
  label: 'silent /authorize attempts',
  match: isSilentAuthorize,
  max,
  key: (e: LogEntry) => e.params.state ?? '',
});
const onSilent = (spec: Record<string, unknown>) => ({
  path: '/authorize',
  params: { prompt: 'none', audience: AUDIENCE },
  ...spec,
});
const SHOWN = ['read', 'create', 'delete', 'either', 'authed'];

const rows: Row[] = [
  {
    fault: '429 + Retry-After: 1',
    mode,
    at: 'renewal',
    inject: onSilent({ status: 429, retryAfter: 1 }),
    expect: { state: 'error', error: 'TIMEOUT', cause: 'timeout', permissions: [] },
    counted: silent(3),
    recover: 'refresh()',
  },
  {
    fault: '500 server_error',
    mode,
    at: 'renewal',
    inject: onSilent({ status: 500 }),
    expect: { state: 'error', error: 'TIMEOUT', cause: 'timeout', permissions: [] },
    counted: silent(3),
    recover: 'refresh()',
  },
  {
    fault: '5 s delay',
    mode,
    at: 'load',
    inject: onSilent({ delayMs: 5000 }),
    config: { checkSessionTimeoutMs: 10_000 },
    expect: { state: 'authenticated', permissions: ALL },
    shows: SHOWN,
    // at load: the adapter's checkSession and Lock's own silent /authorize after construction
    counted: silent(2),
    recover: 'refresh()',
    check: async ({ page }) => {
      const changes = await page.evaluate(() => window.rel.changes);
      expect(changes.map((c) => c.state)).toEqual(['authenticated']);
      expect(changes[0]!.at).toBeGreaterThan(4500);
    },
  },
  {
    fault: 'dropped connection',
    mode,
    at: 'renewal',
    inject: onSilent({ drop: true }),
    expect: { state: 'error', error: 'TIMEOUT', cause: 'timeout', permissions: [] },
    counted: silent(3),
    recover: 'refresh()',
  },
  {
    fault: 'web_message login_required',
    mode,
    at: 'renewal',
    inject: onSilent({ oauthError: { error: 'login_required' } }),
    expect: { state: 'anonymous', error: null, permissions: [] },
    counted: silent(1),
    recover: 'refresh()',
  },
  {
    fault: 'web_message consent_required',
    mode,
    at: 'renewal',
    inject: onSilent({ oauthError: { error: 'consent_required' } }),
    expect: {
      state: 'error',
      error: 'CONSENT_REQUIRED',
      cause: 'consent_required',
      permissions: [],
    },
    findings: ['CONSENT_REQUIRED'],
    counted: silent(1),
    recover: 'refresh()',
  },
  {
    fault: 'expired access token',
    mode,
    at: 'renewal',
    inject: onSilent({ token: 'expired' }),
    expect: { state: 'error', error: 'TOKEN_EXPIRED', permissions: [] },
    findings: ['TOKEN_EXPIRED'],
    counted: silent(1),
    recover: 'refresh()',
  },
  {
    fault: 'bad-signature token',
    mode,
    at: 'renewal',
    inject: onSilent({ token: 'bad-signature' }),
    expect: { state: 'authenticated', permissions: ALL },
    shows: SHOWN,
    counted: silent(1),
    recover: 'refresh()',
    check: async ({ stack, token }) => {
      expect(await demoApiCall(stack, await token())).toBe(401);
    },
  },
  {
    fault: 'permissions not an array',
    mode,
    at: 'renewal',
    inject: onSilent({ token: 'permissions-not-array' }),
    expect: { state: 'authenticated', permissions: [] },
    shows: ['authed'],
    findings: ['PERMISSIONS_CLAIM_INVALID'],
    counted: silent(1),
    recover: 'refresh()',
  },
  {
    fault: '64 KB token',
    mode,
    at: 'renewal',
    inject: async ({ admin }) => {
      await admin.setAction('authorization-extension', {
        enabled: true,
        claim: 'https://example.com/padding',
        value: 'x'.repeat(32_000),
        idToken: false,
        accessToken: true,
        audience: AUDIENCE,
      });
      await admin.fault(onSilent({ token: 'oversized' }));
    },
    undo: ({ admin }) => admin.setAction('authorization-extension', { enabled: false }),
    expect: { state: 'authenticated', permissionCount: ALL.length + 700 },
    shows: [...SHOWN, 'filler'],
    findings: ['TOKEN_TOO_LARGE'],
    counted: silent(1),
    recover: 'refresh()',
    check: async ({ page, token }) => {
      expect((await token()).length).toBeGreaterThanOrEqual(64 * 1024);
      expect(
        await page.evaluate(() => window.rel.permissions.check('filler:permission-0699')),
      ).toBe(true);
    },
  },
  {
    fault: 'stand-in down at page load, back later',
    mode,
    at: 'load',
    inject: 'down',
    expect: { state: 'error', error: 'TIMEOUT', permissions: [] },
    counted: {
      label: 'failed /authorize',
      match: (e: LogEntry) => e.path === '/authorize',
      // 3 attempts of the adapter's checkSession + Lock's own silent /authorize
      max: 4,
    },
    // Lock cannot load its client configuration (/client/ID.js) and throws it, uncaught.
    pageErrors: /error occurred when fetching client data for Lock/,
    recover: 'refresh()',
  },
];

describe('fault matrix: Lock (checkSession iframe renewal)', () => {
  for (const row of rows)
    it(`${row.fault} (at ${row.at}) → ${row.expect.state}${row.expect.error ? ` ${row.expect.error}` : ''}; recovers ${row.recover === 'automatic' ? 'automatically, without any call' : 'on refresh()'}`, async () => {
      results.push(await runRow(stack, row));
    });
});
