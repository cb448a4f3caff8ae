import { expect } from 'vitest';
import type { LogEntry } from '../../harness.js';
import { demoApiCall, type FaultSpec, type Mode, type Row } from './matrix.js';
import { ALL, AUDIENCE, isSilentAuthorize, isTokenRequest } from './stack.js';

/**
 * The one fault table, for every SDK mode: auth0-spa-js with the memory cache (silent renewal
 * through the hidden /authorize iframe, then the code exchange), auth0-spa-js with refresh
 * tokens (the Web Worker's refresh grant), and Lock (checkSession: the hidden /authorize iframe
 * returns the tokens itself). A row is written once; where the SDKs differ, the difference is
 * spelled out in the row. See matrix.ts for what every row asserts.
 */

type Counted = Row['counted'];

/** Where each mode's requests go, and how its attempts are counted. */
interface Sdk {
  mode: Mode;
  lock: boolean;
  /** The renewal goes through the hidden /authorize iframe (spa-memory, Lock). */
  iframe: boolean;
  /** The request a renewal makes. */
  renewal(spec: Record<string, unknown>): FaultSpec;
  /** The request whose answer carries the access token. */
  minted(spec: Record<string, unknown>): FaultSpec;
  /** The silent /authorize of this SDK (Lock passes the audience in it). */
  silent(spec: Record<string, unknown>): FaultSpec;
  /** At most `max` renewal attempts. */
  attempts(max: number): Counted;
  /** Exactly one request that minted a token. */
  once: Counted;
}

// One SDK attempt = one `state`: Chromium itself re-sends a GET whose connection was reset.
const silentAttempts = (max: number): Counted => ({
  label: 'silent /authorize attempts',
  match: isSilentAuthorize,
  max,
  key: (e: LogEntry) => e.params.state ?? '',
});
const tokenRequests = (max: number, min = 1): Counted => ({
  label: 'POST /oauth/token',
  match: isTokenRequest,
  max,
  min,
});
const onToken = (spec: Record<string, unknown>): FaultSpec => ({
  path: '/oauth/token',
  method: 'POST',
  ...spec,
});

function sdk(mode: Mode): Sdk {
  const lock = mode === 'lock';
  const iframe = mode !== 'spa-refresh';
  const silent = (spec: Record<string, unknown>): FaultSpec => ({
    path: '/authorize',
    params: lock ? { prompt: 'none', audience: AUDIENCE } : { prompt: 'none' },
    ...spec,
  });
  return {
    mode,
    lock,
    iframe,
    silent,
    renewal: iframe ? silent : onToken,
    minted: lock ? silent : onToken,
    attempts: iframe ? silentAttempts : tokenRequests,
    once: lock ? silentAttempts(1) : tokenRequests(1),
  };
}

const SHOWN = ['read', 'create', 'delete', 'either', 'authed'];
const PADDING = 'x'.repeat(32_000);
/** A time-out, as the iframe modes see any failure inside the iframe. */
const timedOut = (s: Sdk) => ({
  state: 'error' as const,
  error: 'TIMEOUT',
  ...(s.lock ? { cause: 'timeout' } : {}),
  permissions: [],
});
const failed = (s: Sdk, refreshCode: string) =>
  s.iframe ? timedOut(s) : { state: 'error' as const, error: refreshCode, permissions: [] };

type RowOf = (s: Sdk) => Omit<Row, 'mode'>;

const TABLE: RowOf[] = [
  (s) => ({
    fault: '429 + Retry-After: 1',
    // The iframe modes wait for the SDK's time-out: a short deadline keeps the row fast.
    deadline: 'short',
    at: 'renewal',
    inject: s.renewal({ status: 429, retryAfter: 1 }),
    expect: failed(s, 'RATE_LIMITED'),
    counted: s.attempts(3),
    recover: 'refresh()',
  }),
  (s) => ({
    fault: '500 server_error',
    // The iframe modes wait for the SDK's time-out: a short deadline keeps the row fast.
    deadline: 'short',
    at: 'renewal',
    inject: s.renewal({ status: 500 }),
    expect: failed(s, 'TOKEN_REQUEST_FAILED'),
    counted: s.attempts(3),
    recover: 'refresh()',
  }),
  (s) => ({
    fault: '5 s delay',
    // With refresh tokens the page loads without the iframe: the delay hits the renewal, and the
    // instance stays authenticated on the old token meanwhile. The row runs with the long
    // deadline (10 s, DEADLINE in matrix.ts): the SDK waits the delay out.
    at: s.iframe ? 'load' : 'renewal',
    inject: s.renewal({ delayMs: 5000 }),
    expect: { state: 'authenticated', permissions: ALL },
    shows: SHOWN,
    // Lock at load: the adapter's checkSession and Lock's own silent /authorize after construction.
    counted: s.lock ? silentAttempts(2) : s.iframe ? silentAttempts(1) : tokenRequests(1),
    recover: 'refresh()',
    check: async ({ page }) => {
      const changes = await page.evaluate(() => window.rel.changes);
      expect(changes.map((c) => c.state)).toEqual(['authenticated']);
      // At load: loading for the whole delay, nothing shown, then authenticated at once.
      if (s.iframe) expect(changes[0]!.at).toBeGreaterThan(4500);
    },
  }),
  (s) => ({
    fault: 'dropped connection',
    // The iframe modes wait for the SDK's time-out: a short deadline keeps the row fast.
    deadline: 'short',
    at: 'renewal',
    inject: s.renewal({ drop: true }),
    expect: failed(s, 'TOKEN_REQUEST_FAILED'),
    // With refresh tokens, under each of the library's 3 attempts auth0-spa-js sends a fetch
    // that failed on the network up to 3 times, and Chromium may re-send one whose reused
    // connection was reset.
    counted: s.iframe ? s.attempts(3) : tokenRequests(18),
    recover: 'refresh()',
  }),
  (s) => ({
    fault: 'web_message login_required',
    // auth0-spa-js asks the iframe at load; Lock's first token comes from the login itself.
    at: s.lock ? 'renewal' : 'load',
    inject: s.silent({ oauthError: { error: 'login_required' } }),
    expect: { state: 'anonymous', error: null, permissions: [] },
    counted: silentAttempts(1),
    recover: 'refresh()',
  }),
  (s) => ({
    fault: 'web_message consent_required',
    at: s.lock ? 'renewal' : 'load',
    inject: s.silent({ oauthError: { error: 'consent_required' } }),
    expect: {
      state: 'error',
      error: 'CONSENT_REQUIRED',
      cause: 'consent_required',
      permissions: [],
    },
    findings: ['CONSENT_REQUIRED'],
    counted: silentAttempts(1),
    recover: 'refresh()',
  }),
  (s) => ({
    fault: 'expired access token',
    at: 'renewal',
    inject: s.minted({ token: 'expired' }),
    expect: { state: 'error', error: 'TOKEN_EXPIRED', permissions: [] },
    findings: ['TOKEN_EXPIRED'],
    counted: s.once,
    recover: 'refresh()',
  }),
  (s) => ({
    fault: 'bad-signature token',
    at: 'renewal',
    inject: s.minted({ token: 'bad-signature' }),
    // The browser cannot verify a signature (SECURITY.md): the UI follows the claims, and the
    // server refuses the token.
    expect: { state: 'authenticated', permissions: ALL },
    shows: SHOWN,
    counted: s.once,
    recover: 'refresh()',
    check: async ({ stack, token }) => {
      expect(await demoApiCall(stack, await token())).toBe(401);
    },
  }),
  (s) => ({
    fault: 'permissions not an array',
    at: 'renewal',
    inject: s.minted({ token: 'permissions-not-array' }),
    expect: { state: 'authenticated', permissions: [] },
    shows: ['authed'],
    findings: ['PERMISSIONS_CLAIM_INVALID'],
    counted: s.once,
    recover: 'refresh()',
  }),
  (s) => ({
    fault: '64 KB token',
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
      await admin.fault(s.minted({ token: 'oversized' }));
    },
    undo: ({ admin }) => admin.setAction('authorization-extension', { enabled: false }),
    expect: { state: 'authenticated', permissionCount: ALL.length + 700 },
    shows: [...SHOWN, 'filler'],
    findings: ['TOKEN_TOO_LARGE'],
    counted: s.once,
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
  }),
  (s) => ({
    fault: 'stand-in down at page load, back later',
    // Nothing answers: every mode waits for the SDK's time-out, kept short.
    deadline: 'short',
    at: 'load',
    inject: 'down',
    expect: { state: 'error', error: 'TIMEOUT', permissions: [] },
    counted: {
      label: 'failed /authorize',
      match: (e: LogEntry) => e.path === '/authorize',
      // Lock: 3 attempts of the adapter's checkSession + Lock's own silent /authorize.
      max: s.lock ? 4 : 3,
    },
    // Lock cannot load its client configuration (/client/ID.js) and throws it, uncaught.
    ...(s.lock ? { pageErrors: /error occurred when fetching client data for Lock/ } : {}),
    // auth0-spa-js's iframe mode is checked to recover by the instance's own recovery timer;
    // the others on the user's next action.
    recover: s.mode === 'spa-memory' ? 'automatic' : 'refresh()',
  }),
];

/** The table's rows for one SDK mode. */
export const faultRows = (mode: Mode): Row[] => {
  const s = sdk(mode);
  return TABLE.map((row) => ({ ...row(s), mode }));
};

/** The test's name for a row. */
export const rowTitle = (row: Row): string =>
  `${row.fault} (at ${row.at}) → ${row.expect.state}${row.expect.error ? ` ${row.expect.error}` : ''}; recovers ${row.recover === 'automatic' ? 'automatically, without any call' : 'on refresh()'}`;
