import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../demo/serve.js';
import { launchBrowser } from './harness.js';

/**
 * The React page of `npm run demo` (demo/react/), driven in Chromium with the real react,
 * react-dom and @auth0/auth0-react against the stand-in: login → gated UI → API → logout, as the
 * admin and as the viewer, and a role change through refresh().
 */

let demo: Awaited<ReturnType<typeof startDemo>>;
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

async function open(path: string) {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    const text = message.text();
    // The API refusing what the UI hides is the point of "The API decides".
    if (/status of 403/.test(text)) return;
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(`${demo.url}${path}`);
  return { page, problems };
}

const state = (page: Page, value: string) =>
  page.waitForSelector(`html[data-permissions-state="${value}"]`, { timeout: 30_000 });

async function login(page: Page, email: string) {
  await page.getByRole('button', { name: 'Log in', exact: true }).first().click();
  await page.click(`[data-user="${email}"]`);
  await state(page, 'authenticated');
}

async function forceApi(page: Page, request: string) {
  const before = await page.locator('#api-log li').count();
  await page.click(`[data-api="${request}"]`);
  await page.waitForFunction((n) => document.querySelectorAll('#api-log li').length > n, before);
  return page.locator('#api-log li').first().getAttribute('data-status');
}

describe('the React demo page', () => {
  it('admin and viewer see different UI; the API refuses what the UI hides', async () => {
    const { page, problems } = await open('/react/');
    await state(page, 'anonymous');
    await expect(page.locator('#fixture-users li').count()).resolves.toBe(4);

    await login(page, 'admin@example.com');
    await page.waitForSelector('#user-name:text("Ada Admin")');
    await page.waitForSelector('#reports-body tr');
    await page.waitForSelector('#admin-users-body tr');
    expect(await page.locator('#reports-body [data-delete]').count()).toBe(
      await page.locator('#reports-body tr').count(),
    );
    const title = 'Demo test react';
    await page.fill('#create-title', title);
    await page.getByRole('button', { name: 'Create report' }).click();
    const row = page.locator('#reports-body tr', { hasText: title });
    await row.waitFor();
    await row.getByRole('button', { name: `Delete “${title}”` }).click();
    await row.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Log out' }).click();
    await state(page, 'anonymous');
    expect(await page.locator('#reports-body').count()).toBe(0);

    await login(page, 'viewer@example.com');
    await page.waitForSelector('#user-name:text("Vera Viewer")');
    await page.waitForSelector('#reports-body tr');
    expect(await page.locator('#reports-body [data-delete]').count()).toBe(0);
    await expect(page.locator('fieldset.create').isDisabled()).resolves.toBe(true);
    expect(await page.locator('#admin').count()).toBe(0);
    await expect(forceApi(page, 'GET /api/admin/users')).resolves.toBe('403');
    await expect(forceApi(page, 'GET /api/reports')).resolves.toBe('200');
    expect(problems).toEqual([]);
  });

  it('a role change shows after "Refresh permissions", without a reload', async () => {
    const { page } = await open('/react/');
    await state(page, 'anonymous');
    await login(page, 'viewer@example.com');
    await page.waitForSelector('[data-chip="manage:users"].denied');
    await demo.tenant!.admin.setUserRoles('viewer@example.com', ['admin']);
    await page.getByRole('button', { name: 'Refresh permissions' }).click();
    await page.waitForSelector('#admin-users-body tr');
    await page.waitForSelector('#reports-body [data-delete]');
    await demo.tenant!.admin.reset();
  });

  it('is listed on the landing page', async () => {
    const { page } = await open('/');
    await expect(page.locator('.page-cards a[href="/react/"]').count()).resolves.toBe(1);
  });
});
