import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from './harness.js';
import {
  demoApiCall,
  type Mode,
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
  isTokenRequest,
  type ReliabilityStack,
  startReliabilityStack,
} from './pages/reliability/stack.js';

/**
 * The fault matrix for createSpaPermissions over the REAL auth0-spa-js 2.27 in Chromium:
 * memory cache (silent renewal through the /authorize iframe) and refresh tokens (the Web
 * Worker's refresh grant). See pages/reliability/matrix.ts for what every row asserts.
 */

let stack: ReliabilityStack;
const results: RowResult[] = [];
beforeAll(async () => {
  stack = await startReliabilityStack();
});
afterAll(async () => {
  await saveResults('spa', results);
  await stopDemoApi();
  await stack?.stop();
});

// One SDK attempt = one `state`: Chromium itself re-sends a GET whose connection was reset.
const silent = {
  label: 'silent /authorize attempts',
  match: isSilentAuthorize,
  max: 3,
  key: (e: LogEntry) => e.params.state ?? '',
};
const tokens = (max: number, min = 1) => ({
  label: 'POST /oauth/token',
  match: isTokenRequest,
  max,
  min,
});
const onSilent = (spec: Record<string, unknown>) => ({
  path: '/authorize',
  params: { prompt: 'none' },
  ...spec,
});
const onToken = (spec: Record<string, unknown>) => ({
  path: '/oauth/token',
  method: 'POST',
  ...spec,
});
const PADDING = 'x'.repeat(32_000);

/** The rows that are the same shape in both modes; `renewal` says where renewal goes. */
function rows(mode: Mode): Row[] {
  const iframe = mode === 'spa-memory';
  // In memory mode a renewal is the iframe, then the code exchange at /oauth/token; in
  // refresh-token mode it is the refresh grant at /oauth/token (the iframe only as fallback).
  const renewal = iframe ? onSilent : onToken;
  const renewalCount = iframe ? silent : tokens(3);
  const mintedBy = onToken;
  return [
    {
      fault: '429 + Retry-After: 1',
      mode,
      at: 'renewal',
      inject: renewal({ status: 429, retryAfter: 1 }),
      expect: iframe
        ? { state: 'error', error: 'TIMEOUT', permissions: [] }
        : { state: 'error', error: 'RATE_LIMITED', permissions: [] },
      counted: renewalCount,
      recover: 'refresh()',
    },
    {
      fault: '500 server_error',
      mode,
      at: 'renewal',
      inject: renewal({ status: 500 }),
      expect: iframe
        ? { state: 'error', error: 'TIMEOUT', permissions: [] }
        : { state: 'error', error: 'TOKEN_REQUEST_FAILED', permissions: [] },
      counted: renewalCount,
      recover: 'refresh()',
    },
    iframe
      ? {
          fault: '5 s delay',
          mode,
          at: 'load',
          inject: onSilent({ delayMs: 5000 }),
          options: { authorizeTimeoutInSeconds: 10 },
          expect: { state: 'authenticated', permissions: ALL },
          shows: ['read', 'create', 'delete', 'either', 'authed'],
          counted: { ...silent, max: 1 },
          recover: 'refresh()',
          check: async ({ page }) => {
            const changes = await page.evaluate(() => window.rel.changes);
            expect(changes.map((c) => c.state)).toEqual(['authenticated']);
            // loading for the whole delay, nothing shown, then authenticated at once
            expect(changes[0]!.at).toBeGreaterThan(4500);
          },
        }
      : {
          fault: '5 s delay',
          mode,
          at: 'renewal',
          inject: onToken({ delayMs: 5000 }),
          expect: { state: 'authenticated', permissions: ALL },
          shows: ['read', 'create', 'delete', 'either', 'authed'],
          counted: tokens(1),
          recover: 'refresh()',
          check: async ({ page }) => {
            const states = await page.evaluate(() => window.rel.changes.map((c) => c.state));
            expect(states).toEqual(['authenticated']);
          },
        },
    {
      fault: 'dropped connection',
      mode,
      at: 'renewal',
      inject: renewal({ drop: true }),
      expect: iframe
        ? { state: 'error', error: 'TIMEOUT', permissions: [] }
        : { state: 'error', error: 'TOKEN_REQUEST_FAILED', permissions: [] },
      // Under each of the library's 3 attempts, auth0-spa-js sends a fetch that failed on the
      // network up to 3 times, and Chromium may re-send one whose reused connection was reset.
      counted: iframe ? silent : tokens(18),
      recover: 'refresh()',
    },
    {
      fault: 'web_message login_required',
      mode,
      at: 'load',
      inject: onSilent({ oauthError: { error: 'login_required' } }),
      expect: { state: 'anonymous', error: null, permissions: [] },
      counted: { ...silent, max: 1 },
      recover: 'refresh()',
    },
    {
      fault: 'web_message consent_required',
      mode,
      at: 'load',
      inject: onSilent({ oauthError: { error: 'consent_required' } }),
      expect: {
        state: 'error',
        error: 'CONSENT_REQUIRED',
        cause: 'consent_required',
        permissions: [],
      },
      findings: ['CONSENT_REQUIRED'],
      counted: { ...silent, max: 1 },
      recover: 'refresh()',
    },
    {
      fault: 'expired access token',
      mode,
      at: 'renewal',
      inject: mintedBy({ token: 'expired' }),
      expect: { state: 'error', error: 'TOKEN_EXPIRED', permissions: [] },
      findings: ['TOKEN_EXPIRED'],
      counted: tokens(1),
      recover: 'refresh()',
    },
    {
      fault: 'bad-signature token',
      mode,
      at: 'renewal',
      inject: mintedBy({ token: 'bad-signature' }),
      // The browser cannot verify a signature (SECURITY.md): the UI follows the claims, and the
      // server refuses the token.
      expect: { state: 'authenticated', permissions: ALL },
      shows: ['read', 'create', 'delete', 'either', 'authed'],
      counted: tokens(1),
      recover: 'refresh()',
      check: async ({ stack, token }) => {
        expect(await demoApiCall(stack, await token())).toBe(401);
      },
    },
    {
      fault: 'permissions not an array',
      mode,
      at: 'renewal',
      inject: mintedBy({ token: 'permissions-not-array' }),
      expect: { state: 'authenticated', permissions: [] },
      shows: ['authed'],
      findings: ['PERMISSIONS_CLAIM_INVALID'],
      counted: tokens(1),
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
          value: PADDING,
          idToken: false,
          accessToken: true,
          audience: AUDIENCE,
        });
        await admin.fault(mintedBy({ token: 'oversized' }));
      },
      undo: ({ admin }) => admin.setAction('authorization-extension', { enabled: false }),
      expect: { state: 'authenticated', permissionCount: ALL.length + 700 },
      shows: ['read', 'create', 'delete', 'either', 'authed', 'filler'],
      findings: ['TOKEN_TOO_LARGE'],
      counted: tokens(1),
      recover: 'refresh()',
      check: async ({ page, token }) => {
        expect((await token()).length).toBeGreaterThanOrEqual(64 * 1024);
        expect(
          await page.evaluate(() => [
            window.rel.permissions.check('delete:reports and filler:permission-0699'),
            window.rel.permissions.hasPermission('filler:permission-0700'),
          ]),
        ).toEqual([true, false]);
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
        max: 3,
      },
      recover: iframe ? 'automatic' : 'refresh()',
    },
  ];
}

for (const mode of ['spa-memory', 'spa-refresh'] as const) {
  describe(`fault matrix: auth0-spa-js, ${mode === 'spa-memory' ? 'memory cache (iframe renewal)' : 'refresh tokens'}`, () => {
    for (const row of rows(mode))
      it(`${row.fault} (at ${row.at}) → ${row.expect.state}${row.expect.error ? ` ${row.expect.error}` : ''}; recovers ${row.recover === 'automatic' ? 'automatically, without any call' : 'on refresh()'}`, async () => {
        results.push(await runRow(stack, row));
      });
  });
}
