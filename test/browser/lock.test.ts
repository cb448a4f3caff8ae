import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));

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
