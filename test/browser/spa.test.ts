import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  findChromium,
  type LogEntry,
  NO_CHROMIUM,
  type Stack,
  type Summary,
  startStack,
} from './harness.js';

/**
 * createSpaPermissions with the REAL auth0-spa-js 2.27 in Chromium against the local stand-in
 * (dev-tenant/). Requests are counted in the stand-in's request log.
 */

const CLIENT_ID = 'auth0-permissions-demo';
const AUDIENCE = 'https://reports.example.com';
const ALL = ['create:reports', 'delete:reports', 'manage:users', 'read:reports'];

let stack: Stack;
let context: BrowserContext;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());
beforeEach(async () => {
  await stack.tenant.admin.reset();
  context = await stack.browser.newContext();
});
afterEach(() => context?.close());

const log = (): Promise<LogEntry[]> => stack.tenant.admin.log();
const authorizeRequests = async () => (await log()).filter((e) => e.path === '/authorize');
const silent = (entries: LogEntry[]) => entries.filter((e) => e.params.prompt === 'none');
const tokenRequests = async (grant?: string) =>
  (await log()).filter(
    (e) =>
      e.path === '/oauth/token' && e.method === 'POST' && (!grant || e.params.grant_type === grant),
  );

function pageUrl(config: Record<string, unknown> = {}) {
  const full = { domain: stack.tenant.url, clientId: CLIENT_ID, audience: AUDIENCE, ...config };
  return `${stack.pages.url}/sdk/spa.html?config=${encodeURIComponent(JSON.stringify(full))}`;
}

async function open(config?: Record<string, unknown>): Promise<Page> {
  const page = await context.newPage();
  await page.goto(pageUrl(config));
  await page.waitForFunction(() => window.sdkTest);
  return page;
}

const ready = (page: Page) => page.evaluate(() => window.sdkTest.ready());
const now = (page: Page) => page.evaluate(() => window.sdkTest.now());

/** Clicks login, picks the user on the stand-in's login page, waits for the callback. */
async function login(page: Page, email: string): Promise<{ summary: Summary; ms: number }> {
  const started = Date.now();
  await page.evaluate(() => void window.sdkTest.permissions.login());
  await page.waitForURL((url) => url.origin === stack.tenant.url);
  await page.fill('#email', email);
  await page.fill('#password', 'demo-password');
  await page.click('#login-submit');
  await page.waitForURL((url) => url.origin === stack.pages.url);
  await page.waitForFunction(() => window.sdkTest?.now().state !== 'loading');
  return { summary: await now(page), ms: Date.now() - started };
}

describe('auth0-spa-js: configuration', () => {
  it('refuses to start without an audience, before any request or redirect', async () => {
    const page = await open({ audience: undefined });
    expect(await page.evaluate(() => window.sdkTest.startError?.code)).toBe(
      'AUDIENCE_NOT_CONFIGURED',
    );
    await page.waitForTimeout(300);
    expect(new URL(page.url()).origin).toBe(stack.pages.url);
    expect(await log()).toEqual([]);
  });

  it('refuses two different audiences before any request', async () => {
    const page = await open({ authorizationParams: { audience: 'https://other.example.com' } });
    expect(await page.evaluate(() => window.sdkTest.startError?.code)).toBe('AUDIENCE_MISPLACED');
    expect(await log()).toEqual([]);
  });
});

describe('auth0-spa-js: login, role change, logout', () => {
  it('is anonymous at load without a session, with one silent request and no redirect loop', async () => {
    const page = await open();
    expect(await ready(page)).toMatchObject({ state: 'anonymous', permissions: [], error: null });
    await page.waitForTimeout(1500);
    const requests = await authorizeRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.params).toMatchObject({ prompt: 'none', audience: AUDIENCE });
    expect(new URL(page.url()).origin).toBe(stack.pages.url);
  });

  it('logs in as admin: every permission; the URL is cleaned and keeps its query', async () => {
    const page = await open();
    await ready(page);
    const { summary, ms } = await login(page, 'admin@example.com');
    expect(summary).toEqual({ state: 'authenticated', permissions: ALL, error: null, cause: null });
    const url = new URL(page.url());
    expect([...url.searchParams.keys()]).toEqual(['config']);
    const [interactive] = (await authorizeRequests()).filter((e) => e.params.prompt !== 'none');
    expect(interactive?.params).toMatchObject({ audience: AUDIENCE, response_type: 'code' });
    console.info(`[spa] login round-trip (click → permissions): ${ms} ms`);
  });

  it('logs in as viewer: fewer permissions', async () => {
    const page = await open();
    await ready(page);
    expect((await login(page, 'viewer@example.com')).summary.permissions).toEqual(['read:reports']);
  });

  it('refresh() after a role change brings the new permissions without a reload', async () => {
    const page = await open();
    await ready(page);
    await login(page, 'viewer@example.com');
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await stack.tenant.admin.setUserRoles('viewer@example.com', ['editor']);
    expect((await page.evaluate(() => window.sdkTest.refresh())).permissions).toEqual([
      'create:reports',
      'read:reports',
    ]);
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(1);
  });

  it('logout drops every permission at once, then Auth0 logs out and the page is anonymous', async () => {
    const page = await open();
    await ready(page);
    await login(page, 'admin@example.com');
    const loggedOut = page.waitForRequest((request) => request.url().includes('/v2/logout'));
    const dropped = await page.evaluate(async () => {
      const seen: unknown[] = [];
      window.sdkTest.permissions.subscribe((s: { state: string; permissions: Set<string> }) =>
        seen.push([s.state, s.permissions.size]),
      );
      void window.sdkTest.permissions.logout();
      return seen;
    });
    expect(dropped).toEqual([['anonymous', 0]]);
    expect(new URL((await loggedOut).url()).searchParams.get('returnTo')).toBe(
      `${stack.pages.url}/sdk/spa.html`,
    );
    // The stand-in logs a request when its response closes: poll rather than race it.
    await expect
      .poll(async () => (await log()).some((e) => e.path === '/v2/logout'), { timeout: 10_000 })
      .toBe(true);
    await page.waitForURL((url) => url.origin === stack.pages.url);
    const after = await open();
    expect((await ready(after)).state).toBe('anonymous');
  });

  it('an unknown audience ends as UNKNOWN_AUDIENCE with the SDK error as cause; the URL is cleaned', async () => {
    const page = await open({ audience: 'https://typo.example.com' });
    await ready(page);
    await page.evaluate(() => void window.sdkTest.permissions.login());
    await page.waitForURL(
      (url) => url.origin === stack.pages.url && url.searchParams.has('error'),
      {
        waitUntil: 'commit',
      },
    );
    await page.waitForFunction(() => window.sdkTest?.now().state === 'error');
    expect(await now(page)).toMatchObject({ error: 'UNKNOWN_AUDIENCE', cause: 'access_denied' });
    expect(new URL(page.url()).searchParams.has('error')).toBe(false);
    expect(new URL(page.url()).searchParams.has('state')).toBe(false);
  });
});

describe('auth0-spa-js: renewal and rate limits', () => {
  it('renews before expiry without dropping permissions, and picks up a role change', async () => {
    await stack.tenant.admin.setTokenLifetime(8);
    const page = await open();
    await ready(page);
    await login(page, 'admin@example.com');
    await stack.tenant.admin.clearLog();
    await stack.tenant.admin.setUserRoles('admin@example.com', ['viewer']);
    await page.waitForFunction(() => window.sdkTest.now().permissions.length === 1, null, {
      timeout: 10_000,
    });
    const states = await page.evaluate(() => window.sdkTest.changes.map((c) => c.state));
    expect(states.filter((s) => s !== 'authenticated')).toEqual([]);
    const entries = await log();
    const [renewal] = silent(entries);
    const token = entries.find((e) => e.path === '/oauth/token');
    expect(renewal?.params.audience).toBe(AUDIENCE);
    const ms = Date.parse(token!.time) + token!.durationMs - Date.parse(renewal!.time);
    console.info(`[spa] silent renewal (iframe /authorize → /oauth/token): ${ms} ms`);
  });

  it('ten concurrent refresh() and getAccessToken() calls make one token request', async () => {
    const page = await open();
    await ready(page);
    await login(page, 'admin@example.com');
    await stack.tenant.admin.clearLog();
    const tokens = await page.evaluate(async () => {
      const p = window.sdkTest.permissions;
      const refreshes = Array.from({ length: 10 }, () => p.refresh());
      const gets = Array.from({ length: 10 }, () => p.getAccessToken());
      await Promise.all(refreshes);
      return new Set(await Promise.all(gets)).size;
    });
    expect(tokens).toBe(1);
    expect(silent(await authorizeRequests())).toHaveLength(1);
    expect(await tokenRequests()).toHaveLength(1);
  });

  it('a 429 on /oauth/token is retried with back-off, bounded, then recovers', async () => {
    const page = await open({ retryDelay: 300 });
    await ready(page);
    await login(page, 'admin@example.com');
    await stack.tenant.admin.clearLog();
    await stack.tenant.admin.fault({ path: '/oauth/token', status: 429, retryAfter: 1, times: 2 });
    const summary = await page.evaluate(() => window.sdkTest.refresh());
    expect(summary.state).toBe('authenticated');
    const tries = await tokenRequests();
    expect(tries.map((e) => e.status)).toEqual([429, 429, 200]);
    const gaps = tries.slice(1).map((e, i) => Date.parse(e.time) - Date.parse(tries[i]!.time));
    console.info(`[spa] 429 back-off between token requests: ${gaps.join(', ')} ms`);
    expect(gaps[0]).toBeGreaterThanOrEqual(300);
    expect(gaps[1]).toBeGreaterThanOrEqual(600);
  });

  it('a lasting 429 stops after the bounded retries: RATE_LIMITED, permissions dropped', async () => {
    const page = await open({ retryDelay: 200 });
    await ready(page);
    await login(page, 'admin@example.com');
    await stack.tenant.admin.clearLog();
    await stack.tenant.admin.fault({ path: '/oauth/token', status: 429, retryAfter: 1 });
    const summary = await page.evaluate(() => window.sdkTest.refresh());
    expect(summary).toMatchObject({ state: 'error', permissions: [], error: 'RATE_LIMITED' });
    expect(summary.cause).toBe('too_many_requests');
    await page.waitForTimeout(1000);
    expect(await tokenRequests()).toHaveLength(3);
  });
});

describe('auth0-spa-js: useRefreshTokens', () => {
  it('renews with the refresh token, and one failed refresh does not strand the user', async () => {
    const page = await open({ useRefreshTokens: true, retryDelay: 100 });
    await ready(page);
    await login(page, 'admin@example.com');
    await stack.tenant.admin.clearLog();
    const started = Date.now();
    expect((await page.evaluate(() => window.sdkTest.refresh())).state).toBe('authenticated');
    console.info(`[spa] refresh-token renewal: ${Date.now() - started} ms`);
    expect((await tokenRequests('refresh_token')).map((e) => e.status)).toEqual([200]);
    await stack.tenant.admin.clearLog();
    await stack.tenant.admin.fault({
      path: '/oauth/token',
      params: { grant_type: 'refresh_token' },
      status: 500,
      times: 1,
    });
    await stack.tenant.admin.setUserRoles('admin@example.com', ['editor']);
    expect(await page.evaluate(() => window.sdkTest.refresh())).toMatchObject({
      state: 'authenticated',
      permissions: ['create:reports', 'read:reports'],
    });
    expect(silent(await authorizeRequests())).toHaveLength(1);
    // and the refresh token is back: the next renewal uses it again
    await stack.tenant.admin.clearLog();
    expect((await page.evaluate(() => window.sdkTest.refresh())).state).toBe('authenticated');
    expect((await tokenRequests('refresh_token')).map((e) => e.status)).toEqual([200]);
    expect(silent(await authorizeRequests())).toHaveLength(0);
  });

  it('without the fallback, the same failure strands the user (why the adapter turns it on)', async () => {
    const page = await open({
      useRefreshTokens: true,
      useRefreshTokensFallback: false,
      retryDelay: 100,
    });
    await ready(page);
    await login(page, 'admin@example.com');
    await stack.tenant.admin.fault({
      path: '/oauth/token',
      params: { grant_type: 'refresh_token' },
      status: 500,
      times: 1,
    });
    expect(await page.evaluate(() => window.sdkTest.refresh())).toMatchObject({
      state: 'error',
      error: 'MISSING_REFRESH_TOKEN',
    });
  });
});

describe('the browser harness', () => {
  it('fails with the one command that fixes a missing browser, never skips', () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      expect(() => findChromium()).toThrow(NO_CHROMIUM);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
    expect(NO_CHROMIUM).toBe(
      'No Chromium found: run `apt-get install -y chromium` or set CHROMIUM_PATH',
    );
  });
});
