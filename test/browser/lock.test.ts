import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodePayload } from '../support/tokens.js';
import { type LogEntry, type Stack, type Summary, startStack } from './harness.js';

/**
 * lockOptions + fromLock with the REAL Lock 14.3 (bundled once by the harness with Vite) in
 * Chromium against the local stand-in (dev-tenant/).
 */

const CLIENT_ID = 'auth0-permissions-demo';
const AUDIENCE = 'https://reports.example.com';
const ALL = ['create:reports', 'delete:reports', 'manage:users', 'read:reports'];

let stack: Stack;
let context: BrowserContext;
beforeAll(async () => {
  stack = await startStack({ lock: true });
});
afterAll(() => stack?.stop());
beforeEach(async () => {
  await stack.tenant.admin.reset();
  context = await stack.browser.newContext();
});
afterEach(() => context?.close());

const log = (): Promise<LogEntry[]> => stack.tenant.admin.log();

function pageUrl(config: Record<string, unknown> = {}) {
  const full = { domain: stack.tenant.url, clientId: CLIENT_ID, audience: AUDIENCE, ...config };
  return `${stack.pages.url}/sdk/lock.html?config=${encodeURIComponent(JSON.stringify(full))}`;
}

async function open(config?: Record<string, unknown>): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[lock page]', error.message));
  await page.goto(pageUrl(config));
  await page.waitForFunction(() => window.sdkTest);
  return page;
}

const ready = (page: Page) => page.evaluate(() => window.sdkTest.ready());
const now = (page: Page) => page.evaluate(() => window.sdkTest.now());

/** Payload of a JWT (the test reads `aud` and `permissions`; nothing is logged). */
const claims = (token: string) =>
  decodePayload(token) as { aud: string | string[]; permissions: string[] };

/** Opens the Lock widget through the instance, types the credentials, submits. */
async function login(page: Page, email: string): Promise<{ summary: Summary; ms: number }> {
  const started = Date.now();
  await page.evaluate(() => window.sdkTest.permissions.login());
  await page.fill('.auth0-lock input[name="email"]', email);
  await page.fill('.auth0-lock input[name="password"]', 'demo-password');
  await page.click('.auth0-lock button.auth0-lock-submit');
  await page.waitForURL(
    (url) => url.origin === stack.pages.url && url.hash.includes('access_token'),
    {
      waitUntil: 'commit',
    },
  );
  await page.waitForFunction(() => window.sdkTest?.now().state === 'authenticated', null, {
    timeout: 15_000,
  });
  return { summary: await now(page), ms: Date.now() - started };
}

describe('Lock: login and renewal', () => {
  it('is anonymous at load (checkSession → login_required), with the audience asked', async () => {
    const page = await open();
    expect(await ready(page)).toMatchObject({ state: 'anonymous', permissions: [], error: null });
    const silent = (await log()).filter(
      (e) => e.path === '/authorize' && e.params.prompt === 'none',
    );
    expect(silent.some((e) => e.params.audience === AUDIENCE)).toBe(true);
  });

  it('logs in through the widget: every permission of admin; the hash is cleaned', async () => {
    const page = await open();
    await ready(page);
    const { summary, ms } = await login(page, 'admin@example.com');
    expect(summary).toEqual({ state: 'authenticated', permissions: ALL, error: null, cause: null });
    expect(new URL(page.url()).hash).toBe('');
    const interactive = (await log()).find((e) => e.path === '/authorize' && e.params.login_ticket);
    expect(interactive?.params).toMatchObject({
      audience: AUDIENCE,
      response_type: 'token id_token',
    });
    console.info(`[lock] login round-trip (show → permissions): ${ms} ms`);
  });
});

describe('Lock: renewal, role changes, errors, logout', () => {
  const silentAuthorize = async () =>
    (await log()).filter((e) => e.path === '/authorize' && e.params.prompt === 'none');

  /** Waits until Lock's own silent check after a login has reached the log (none for 500 ms). */
  const settled = async () => {
    for (let last = -1, count = (await silentAuthorize()).length; count !== last; ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      last = count;
      count = (await silentAuthorize()).length;
    }
  };

  it('refresh() renews with checkSession carrying the audience: a JWT for the API, new roles', async () => {
    const page = await open();
    await ready(page);
    await login(page, 'viewer@example.com');
    await settled();
    await stack.tenant.admin.clearLog();
    await stack.tenant.admin.setUserRoles('viewer@example.com', ['editor']);
    const started = Date.now();
    const summary = await page.evaluate(() => window.sdkTest.refresh());
    console.info(`[lock] checkSession renewal: ${Date.now() - started} ms`);
    expect(summary.permissions).toEqual(['create:reports', 'read:reports']);
    const [renewal, ...more] = await silentAuthorize();
    expect(more).toEqual([]);
    expect(renewal?.params).toMatchObject({ audience: AUDIENCE, response_type: 'token id_token' });
    const token = await page.evaluate(() => window.sdkTest.permissions.getAccessToken());
    expect(token.split('.')).toHaveLength(3);
    const { aud, permissions } = claims(token);
    expect(aud).toContain(AUDIENCE);
    expect([...permissions].sort()).toEqual(['create:reports', 'read:reports']);
  });

  it('renews by itself before expiry, without dropping permissions', async () => {
    await stack.tenant.admin.setTokenLifetime(6);
    const page = await open();
    await ready(page);
    await login(page, 'admin@example.com');
    await settled();
    await stack.tenant.admin.clearLog();
    await stack.tenant.admin.setUserRoles('admin@example.com', ['viewer']);
    await page.waitForFunction(() => window.sdkTest.now().permissions.length === 1, null, {
      timeout: 10_000,
    });
    const states = await page.evaluate(() => window.sdkTest.changes.map((c) => c.state));
    expect(states.every((s) => s === 'authenticated')).toBe(true);
    expect((await silentAuthorize())[0]?.params.audience).toBe(AUDIENCE);
  });

  it('ten concurrent refresh() and getAccessToken() calls make one checkSession', async () => {
    const page = await open();
    await ready(page);
    await login(page, 'admin@example.com');
    await settled();
    await stack.tenant.admin.clearLog();
    const distinct = await page.evaluate(async () => {
      const p = window.sdkTest.permissions;
      const refreshes = Array.from({ length: 10 }, () => p.refresh());
      const tokens = Array.from({ length: 10 }, () => p.getAccessToken());
      await Promise.all(refreshes);
      return new Set(await Promise.all(tokens)).size;
    });
    expect(distinct).toBe(1);
    expect(await silentAuthorize()).toHaveLength(1);
  });

  it("maps authorization_error (unknown audience) to UNKNOWN_AUDIENCE, with Lock's error as cause", async () => {
    const page = await open({ audience: 'https://typo.example.com' });
    await ready(page);
    await page.evaluate(() => window.sdkTest.permissions.login());
    await page.fill('.auth0-lock input[name="email"]', 'admin@example.com');
    await page.fill('.auth0-lock input[name="password"]', 'demo-password');
    await page.click('.auth0-lock button.auth0-lock-submit');
    await page.waitForURL((url) => url.origin === stack.pages.url && url.hash.includes('error'), {
      waitUntil: 'commit',
    });
    await page.waitForFunction(() => window.sdkTest?.now().error === 'UNKNOWN_AUDIENCE', null, {
      timeout: 15_000,
    });
    expect(await now(page)).toMatchObject({
      state: 'error',
      permissions: [],
      cause: 'access_denied',
    });
  });

  it('logout drops every permission at once, then Lock logs out at Auth0', async () => {
    const page = await open();
    await ready(page);
    await login(page, 'admin@example.com');
    const loggedOut = page.waitForRequest((request) => request.url().includes('/v2/logout'));
    const seen = await page.evaluate(() => {
      const changes: unknown[] = [];
      window.sdkTest.permissions.subscribe((s: { state: string; permissions: Set<string> }) =>
        changes.push([s.state, s.permissions.size]),
      );
      void window.sdkTest.permissions.logout();
      return changes;
    });
    expect(seen).toEqual([['anonymous', 0]]);
    expect(new URL((await loggedOut).url()).searchParams.get('returnTo')).toBe(
      `${stack.pages.url}/sdk/lock.html`,
    );
    await page.waitForURL((url) => url.origin === stack.pages.url);
    await page.waitForFunction(() => window.sdkTest);
    expect(await ready(page)).toMatchObject({ state: 'anonymous' });
  });

  it('lockOptions points the real Lock at the stand-in and sets the audience everywhere', async () => {
    const page = await open();
    const options = await page.evaluate(() => window.sdkTest.options);
    expect(options).toMatchObject({
      configurationBaseUrl: stack.tenant.url,
      languageBaseUrl: stack.tenant.url,
      overrides: { __token_issuer: `${stack.tenant.url}/` },
      auth: { audience: AUDIENCE, responseType: 'token id_token', params: { audience: AUDIENCE } },
    });
    const offsite = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => !name.startsWith('http://localhost') && !name.startsWith('data:')),
    );
    expect(offsite).toEqual([]);
  });
});
