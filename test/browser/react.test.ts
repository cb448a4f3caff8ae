import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DevTenant, startTenant } from '../support/tenant.js';
import { findChromium, type Listening, type LogEntry, launchBrowser } from './harness.js';
import { buildReactPage, serveReactPage } from './react-page.js';

/**
 * auth0-permissions/react with the REAL react 19, react-dom and @auth0/auth0-react 2.27 in
 * Chromium against the local stand-in (dev-tenant/). The page (pages/react/app.ts) renders
 * <Can>, <RequirePermission> and the hooks under <Auth0Provider> + <PermissionsProvider>.
 */

const CLIENT_ID = 'auth0-permissions-demo';
const AUDIENCE = 'https://reports.example.com';

let tenant: DevTenant;
let pages: Listening;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;

beforeAll(async () => {
  findChromium();
  await buildReactPage();
  [tenant, pages, browser] = await Promise.all([startTenant(), serveReactPage(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([pages?.close(), tenant?.close()]);
});
beforeEach(async () => {
  await tenant.admin.reset();
  context = await browser.newContext();
});
afterEach(() => context?.close());

const log = (): Promise<LogEntry[]> => tenant.admin.log();

/** Opens the page; `problems` collects console errors and page errors. */
async function open(config: Record<string, unknown> = {}) {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  const full = { domain: tenant.url, clientId: CLIENT_ID, audience: AUDIENCE, ...config };
  await page.goto(`${pages.url}/index.html?config=${encodeURIComponent(JSON.stringify(full))}`);
  return { page, problems };
}

const state = (page: Page, value: string) =>
  page.waitForSelector(`#state[data-state="${value}"]`, { timeout: 20_000 });
const shown = (page: Page) =>
  page.locator('[data-gated]').evaluateAll((elements) => elements.map((e) => e.id).sort());

async function login(page: Page, email: string) {
  await page.click('#login');
  await page.waitForURL((url) => url.origin === tenant.url);
  await page.fill('#email', email);
  await page.fill('#password', 'demo-password');
  await page.click('#login-submit');
  await page.waitForURL((url) => url.origin === pages.url);
  await state(page, 'authenticated');
}

describe('auth0-permissions/react with auth0-react', () => {
  it('admin and viewer see different UI; every request carries the audience', async () => {
    const { page, problems } = await open();
    await state(page, 'anonymous');
    // Known to be denied: the fallback and the guard's denied element, nothing gated.
    expect(await shown(page)).toEqual(['guard-denied', 'read-only']);
    // Anonymous: no token request at all, only auth0-react's own session check.
    expect((await log()).filter((e) => e.path === '/oauth/token')).toEqual([]);

    await login(page, 'admin@example.com');
    await page.waitForSelector('#admin');
    expect(await shown(page)).toEqual(['admin', 'delete', 'guard-admin', 'reports']);
    const interactive = (await log()).filter(
      (e) => e.path === '/authorize' && e.params.prompt !== 'none',
    );
    expect(interactive.map((e) => e.params.audience)).toEqual([AUDIENCE]);

    await page.click('#logout');
    await page.waitForURL((url) => url.origin === pages.url && !url.search.includes('code='));
    await state(page, 'anonymous');
    expect(await shown(page)).toEqual(['guard-denied', 'read-only']);

    await login(page, 'viewer@example.com');
    await page.waitForSelector('#reports');
    expect(await shown(page)).toEqual(['guard-denied', 'read-only', 'reports']);
    expect(problems).toEqual([]);
  });

  it('refresh() after a role change re-renders the new permissions without a reload', async () => {
    const { page } = await open();
    await state(page, 'anonymous');
    await login(page, 'viewer@example.com');
    await page.waitForSelector('#read-only');
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await tenant.admin.setUserRoles('viewer@example.com', ['admin']);
    await page.click('#refresh');
    await page.waitForSelector('#admin');
    expect(await shown(page)).toEqual(['admin', 'delete', 'guard-admin', 'reports']);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  it('a logout in another tab hides the gated content here at once', async () => {
    const { page } = await open();
    await state(page, 'anonymous');
    await login(page, 'admin@example.com');
    const { page: other } = await open();
    await state(other, 'authenticated');
    await other.waitForSelector('#admin');
    await page.click('#logout');
    await state(other, 'anonymous');
    expect(await shown(other)).toEqual(['guard-denied', 'read-only']);
  });

  it('never renders gated content while loading, nor content the user lacks', async () => {
    const { page } = await open();
    await state(page, 'anonymous');
    await login(page, 'viewer@example.com');
    // A slow session check on reload: the page stays loading for a while.
    await tenant.admin.fault({ path: '/oauth/token', delayMs: 600 });
    await page.reload();
    await state(page, 'authenticated');
    await page.waitForSelector('#reports');
    const records = await page.evaluate(
      () =>
        (
          window as unknown as {
            reactTest: { records: { state: string; permissions: string[]; present: string[] }[] };
          }
        ).reactTest.records,
    );
    expect(records.filter((r) => r.state === 'loading').length).toBeGreaterThan(0);
    // Before the first answer nothing is known: not even the denied fallbacks may show (an
    // anonymous flash while auth0-react loads would put them here).
    expect(records.filter((r) => r.state !== 'authenticated' && r.present.length)).toEqual([]);
    const ever = new Set(records.flatMap((r) => r.present));
    expect(ever.has('admin') || ever.has('delete') || ever.has('guard-admin')).toBe(false);
    for (const record of records)
      if (record.present.includes('reports')) expect(record.permissions).toContain('read:reports');
  });
});

describe('auth0-permissions/react: misconfiguration and bad input', () => {
  it('an <Auth0Provider> without audience is refused with the code, before any redirect', async () => {
    const { page, problems } = await open({ audience: undefined });
    await state(page, 'error');
    expect(await page.textContent('#error')).toBe('AUDIENCE_NOT_CONFIGURED');
    const code = await page.evaluate(() =>
      (
        window as unknown as { reactTest: { instance: { login(): Promise<void> } } }
      ).reactTest.instance
        .login()
        .then(
          () => 'redirected',
          (error: { code: string }) => error.code,
        ),
    );
    expect(code).toBe('AUDIENCE_NOT_CONFIGURED');
    await page.waitForTimeout(500);
    expect(new URL(page.url()).origin).toBe(pages.url);
    const entries = await log();
    expect(entries.filter((e) => e.path === '/authorize' && e.params.prompt !== 'none')).toEqual(
      [],
    );
    expect(entries.filter((e) => e.path === '/oauth/token')).toEqual([]);
    expect(await shown(page)).toEqual(['guard-denied', 'read-only']);
    expect(
      problems.some((p) => p.includes('AUDIENCE_NOT_CONFIGURED') || p.includes('No audience')),
    ).toBe(true);
  });

  it('a typo in the audience ends as UNKNOWN_AUDIENCE after the login redirect', async () => {
    const { page, problems } = await open({ audience: 'https://typo.example.com' });
    await state(page, 'anonymous');
    await page.click('#login');
    await state(page, 'error');
    expect(await page.textContent('#error')).toBe('UNKNOWN_AUDIENCE');
    expect(await shown(page)).toEqual(['guard-denied', 'read-only']);
    expect(problems.filter((p) => !/UNKNOWN_AUDIENCE|Service not found/.test(p))).toEqual([]);
  });

  it('two different audiences are AUDIENCE_MISPLACED', async () => {
    const { page } = await open({ providerAudience: 'https://other.example.com' });
    await state(page, 'error');
    expect(await page.textContent('#error')).toBe('AUDIENCE_MISPLACED');
  });

  it('a bad expression renders nothing, not even the fallback, and is reported once', async () => {
    const bad = 'read:reports delete:reports';
    const first = await open();
    await state(first.page, 'anonymous');
    await login(first.page, 'admin@example.com');
    // A second tab, signed in at once: loading, authenticated, then a refresh re-render.
    const { page, problems } = await open({ bad });
    await page.waitForSelector('#admin');
    await page.click('#refresh');
    await page.waitForTimeout(300);
    expect(await shown(page)).not.toContain('bad');
    expect(await shown(page)).not.toContain('bad-fallback');
    expect(problems.filter((p) => p.includes(`"${bad}" grants nothing`))).toHaveLength(1);
  });
});
