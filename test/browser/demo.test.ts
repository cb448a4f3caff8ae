import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/serve.js';
import { launchBrowser } from './harness.js';

/**
 * `npm run demo`, driven in Chromium: each of the three pages with the real SDKs against the
 * stand-in, through login → gated UI → API call → logout, as the admin and as the viewer.
 */

type Demo = Awaited<ReturnType<typeof startDemo>>;
type Kind = 'plain' | 'spa' | 'lock' | 'vue';

const PASSWORD = 'demo-password';
let demo: Demo;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  [demo, browser] = await Promise.all([
    startDemo({ quiet: true, tenantPort: 0, apiPort: 0, demoPort: 0 }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A fresh browser profile and a page that records every console error and warning. */
async function open(path: string) {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = message.text();
    if (!allowed.some((pattern) => pattern.test(text))) problems.push(`${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(`${demo.url}${path}`);
  return {
    page,
    problems,
    /** Accept a console message the test provokes on purpose. */
    allow: (pattern: RegExp) => allowed.push(pattern),
  };
}

const state = (page: Page, value: string) =>
  page.waitForSelector(`html[data-permissions-state="${value}"]`, { timeout: 20_000 });

async function login(page: Page, kind: Kind, email: string) {
  await page.getByRole('button', { name: 'Log in', exact: true }).first().click();
  if (kind === 'lock') {
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('.auth0-lock-submit');
  } else {
    // The stand-in's login page: one button per fixture user.
    await page.click(`[data-user="${email}"]`);
  }
  await state(page, 'authenticated');
}

async function logout(page: Page) {
  await page.locator('.account').getByRole('button', { name: 'Log out' }).click();
  await state(page, 'anonymous');
  await expect(page.locator('.welcome').isVisible()).resolves.toBe(true);
  for (const gated of ['[data-permission="read:reports"]', '[data-permission="manage:users"]'])
    await expect(page.locator(gated).first().isVisible()).resolves.toBe(false);
}

/** Presses one of "The API decides" buttons and returns the status the API answered. */
async function forceApi(page: Page, request: string) {
  const before = await page.locator('#api-log li').count();
  await page.click(`[data-api="${request}"]`);
  await page.waitForFunction((n) => document.querySelectorAll('#api-log li').length > n, before);
  return page.locator('#api-log li').first().getAttribute('data-status');
}

const visibleCount = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll(
      (elements) => elements.filter((e) => (e as HTMLElement).offsetParent !== null).length,
    );

describe.each<[Kind, string]>([
  ['plain', 'script tag + auth0-spa-js'],
  ['spa', 'Vite SPA, npm import'],
  ['lock', 'Lock'],
  ['vue', 'Vue, @auth0/auth0-vue + auth0-permissions/vue'],
])('the %s page (%s)', (kind) => {
  it('admin and viewer see different UI and get different API answers', async () => {
    const { page, problems, allow } = await open(`/${kind}/`);
    await state(page, 'anonymous');
    await expect(page.locator('#fixture-users li').count()).resolves.toBe(4);

    await login(page, kind, 'admin@example.com');
    await page.waitForSelector('#user-name:text("Ada Admin")');
    await page.waitForSelector('#reports-body tr');
    await page.waitForSelector('#admin-users-body tr');
    expect(await visibleCount(page, '#reports-body [data-delete]')).toBe(
      await page.locator('#reports-body tr').count(),
    );
    await expect(page.locator('[data-permission="manage:users"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-chip="delete:reports"].granted').count()).resolves.toBe(1);

    // Create a report, then delete it: both go through the API with the access token.
    const title = `Demo test ${kind}`;
    await page.fill('#create-title', title);
    await page.getByRole('button', { name: 'Create report' }).click();
    const row = page.locator('#reports-body tr', { hasText: title });
    await row.waitFor();
    await row.getByRole('button', { name: `Delete “${title}”` }).click();
    await row.waitFor({ state: 'detached' });
    await expect(
      page.locator('#api-log li[data-request^="DELETE"]').first().getAttribute('data-status'),
    ).resolves.toBe('200');

    await logout(page);

    await login(page, kind, 'viewer@example.com');
    await page.waitForSelector('#user-name:text("Vera Viewer")');
    await page.waitForSelector('#reports-body tr');
    expect(await visibleCount(page, '#reports-body [data-delete]')).toBe(0);
    await expect(page.locator('fieldset.create').isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-permission="manage:users"]').isVisible()).resolves.toBe(false);
    // The UI hides these; the API refuses them on its own. Chromium logs each refused request.
    allow(/Failed to load resource: the server responded with a status of 403/);
    await expect(forceApi(page, 'DELETE /api/reports/:id')).resolves.toBe('403');
    await expect(forceApi(page, 'GET /api/admin/users')).resolves.toBe('403');
    await expect(forceApi(page, 'GET /api/reports')).resolves.toBe('200');
    await expect(
      page.locator('#api-log li').nth(1).locator('.reason').textContent(),
    ).resolves.toContain('manage:users');

    await logout(page);
    expect(problems).toEqual([]);
  });
});

describe('the pitfalls panel', () => {
  // [pitfall, the page's finding, changes the tenant, the API's finding for the broken token]
  const PITFALLS: [string, string, boolean, string | undefined][] = [
    ['no-audience', 'OPAQUE_TOKEN', false, 'OPAQUE_TOKEN'],
    ['rbac-off', 'PERMISSIONS_CLAIM_MISSING', true, 'PERMISSIONS_CLAIM_MISSING'],
    ['toggle-off', 'PERMISSIONS_CLAIM_MISSING', true, 'PERMISSIONS_CLAIM_MISSING'],
    ['id-token', 'ID_TOKEN_USED', false, 'ID_TOKEN_USED'],
    ['lock-audience', 'AUDIENCE_MISPLACED', false, undefined],
    ['namespaced', 'NAMESPACED_PERMISSIONS_FOUND', true, 'PERMISSIONS_CLAIM_MISSING'],
  ];

  async function reproduce(page: Page, id: string, code: string) {
    await page.click(`[data-reproduce="${id}"]`);
    await page.waitForSelector(`#pitfall-result [data-finding="${code}"]`, { timeout: 20_000 });
    await page.waitForSelector(`[data-pitfall="${id}"][data-active]`);
  }

  it('reproduces each seed with its finding and fix, and Undo restores the permissions', async () => {
    const { page, problems, allow } = await open('/spa/');
    // The panel sends each broken token to the demo API, which refuses it (Chromium logs that).
    allow(/Failed to load resource: the server responded with a status of 40[13]/);
    await state(page, 'anonymous');
    await login(page, 'spa', 'admin@example.com');
    await page.waitForSelector('#pitfall-list [data-reproduce]');
    for (const [id, code, changesTenant, apiCode] of PITFALLS) {
      await reproduce(page, id, code);
      await expect(page.locator('#pitfall-result [data-fix]').textContent()).resolves.toBeTruthy();
      // The API (auth0-permissions/server) explains the same token from its side, with a fix.
      if (apiCode)
        await expect(
          page.locator(`#pitfall-result [data-api-finding="${apiCode}"] .fix`).textContent(),
        ).resolves.toBeTruthy();
      if (!changesTenant) continue;
      // The whole page follows the broken token: no permission, nothing gated shown.
      await page.waitForSelector('[data-chip="read:reports"].denied');
      await expect(page.locator('[data-permission="read:reports"]').isVisible()).resolves.toBe(
        false,
      );
      await page.click(`[data-undo="${id}"]`);
      await page.waitForSelector('[data-chip="read:reports"].granted');
      await page.waitForSelector('#pitfall-result:empty', { state: 'attached' });
    }
    await expect(page.locator('[data-permission="read:reports"]').isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });

  it('on the Lock page, shows the token Lock really renews without auth.audience', async () => {
    const { page, problems, allow } = await open('/lock/');
    allow(/Failed to load resource: the server responded with a status of 40[13]/);
    await state(page, 'anonymous');
    await login(page, 'lock', 'admin@example.com');
    await page.waitForSelector('#pitfall-list [data-reproduce]');
    await reproduce(page, 'lock-audience', 'AUDIENCE_MISPLACED');
    // Not a JWT: what Auth0 issues for /userinfo when no audience reached /authorize.
    await expect(
      page.locator('#pitfall-result [data-token-kind]').getAttribute('data-token-kind'),
    ).resolves.toMatch(/^(opaque|encrypted)$/);
    await reproduce(page, 'no-audience', 'OPAQUE_TOKEN');
    await expect(page.locator('#pitfall-result').textContent()).resolves.toContain(
      'AUDIENCE_NOT_CONFIGURED',
    );
    expect(problems).toEqual([]);
  });
});

describe('the landing page', () => {
  it('links the demo pages and lists the stand-in users', async () => {
    const { page, problems } = await open('/');
    await page.waitForSelector('#fixture:not([hidden])');
    for (const path of ['/plain/', '/lock/', '/spa/', '/vue/'])
      await expect(page.locator(`.page-cards a[href="${path}"]`).count()).resolves.toBe(1);
    await expect(page.locator('#fixture-users li').count()).resolves.toBe(4);
    await expect(page.textContent('main')).resolves.toContain('UI gating is not authorization');
    expect(problems).toEqual([]);
  });
});
