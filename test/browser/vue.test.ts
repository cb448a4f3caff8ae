import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUDIENCE, CLIENT_ID, type DevTenant, startTenant } from '../support/tenant.js';
import { launchBrowser, ROOT } from './harness.js';

/**
 * auth0-permissions/vue (the BUILT dist/vue) with the REAL vue, vue-router and @auth0/auth0-vue
 * in Chromium against the local stand-in (dev-tenant/). The page is test/browser/pages/vue,
 * served by Vite as an app would be (vue and @auth0/auth0-vue deduped).
 */

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

let tenant: DevTenant;
let vite: ViteDevServer;
let origin: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  tenant = await startTenant();
  vite = await createServer({
    configFile: false,
    root: join(ROOT, 'test/browser/pages/vue'),
    logLevel: 'error',
    // Its own dependency cache: the demo's Vite server (demo.test.ts, react-demo.test.ts) may
    // run at the same time and would otherwise re-optimize node_modules/.vite under this one.
    cacheDir: join(ROOT, 'node_modules/.vite/browser-vue'),
    server: { port: 0, host: 'localhost', strictPort: false },
    resolve: {
      alias: [{ find: /^auth0-permissions\/vue$/, replacement: join(ROOT, 'dist/vue/index.js') }],
      dedupe: ['vue', '@auth0/auth0-vue'],
    },
    optimizeDeps: { include: ['vue', 'vue-router', '@auth0/auth0-vue', 'jwt-decode'] },
  });
  await vite.listen();
  origin = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await vite?.close();
  await tenant?.close();
});
beforeEach(async () => {
  await tenant.admin.reset();
  context = await browser.newContext();
});
afterEach(() => context?.close());

type Now = { state: string; permissions: string[] };
declare global {
  interface Window {
    vueTest: {
      // biome-ignore lint/suspicious/noExplicitAny: the built library's instance
      instance: any;
      now(): Now;
      startError?: { code: string; message: string };
    };
  }
}

async function open(config: Record<string, unknown> = {}, into = context): Promise<Page> {
  const page = await into.newPage();
  const full = { domain: tenant.url, clientId: CLIENT_ID, audience: AUDIENCE, ...config };
  await page.goto(`${origin}/?config=${encodeURIComponent(JSON.stringify(full))}`);
  await page.waitForFunction(() => window.vueTest);
  return page;
}

const settled = (page: Page) =>
  page.waitForFunction(() => window.vueTest.now().state !== 'loading', null, { timeout: 20_000 });
const now = (page: Page) => page.evaluate(() => window.vueTest.now());
const visible = (page: Page, selector: string) => page.locator(selector).isVisible();

async function login(page: Page, email: string) {
  await page.evaluate(() => void window.vueTest.instance.login());
  await page.waitForURL((url) => url.origin === tenant.url);
  await page.click(`[data-user="${email}"]`);
  await page.waitForURL((url) => url.origin === origin);
  await page.waitForFunction(() => window.vueTest?.now().state === 'authenticated', null, {
    timeout: 20_000,
  });
}

describe('auth0-permissions/vue over the real @auth0/auth0-vue', () => {
  it('refuses createAuth0 without an audience, before any request or redirect', async () => {
    await tenant.admin.clearLog();
    const page = await open({ audience: undefined });
    expect(await page.evaluate(() => window.vueTest.startError?.code)).toBe(
      'AUDIENCE_NOT_CONFIGURED',
    );
    await page.waitForTimeout(300);
    expect(new URL(page.url()).origin).toBe(origin);
    expect(await tenant.admin.log()).toEqual([]);
  });

  it('refuses a top-level audience (auth0-spa-js 2 ignores it): AUDIENCE_MISPLACED', async () => {
    const page = await open({ topLevelAudience: true });
    expect(await page.evaluate(() => window.vueTest.startError?.code)).toBe('AUDIENCE_MISPLACED');
    expect(await tenant.admin.log()).toEqual([]);
  });

  it('admin and viewer see different UI; the login carries the audience', async () => {
    const page = await open();
    await settled(page);
    expect(await now(page)).toEqual({ state: 'anonymous', permissions: [] });
    for (const id of ['#delete', '#admin', '#bad-directive'])
      expect(await visible(page, id)).toBe(false);

    await login(page, 'admin@example.com');
    const interactive = (await tenant.admin.log()).find(
      (e: { path: string; params: Record<string, string> }) =>
        e.path === '/authorize' && e.params.prompt !== 'none',
    );
    expect(interactive?.params.audience).toBe(AUDIENCE);
    expect((await now(page)).permissions).toEqual([
      'create:reports',
      'delete:reports',
      'manage:users',
      'read:reports',
    ]);
    await page.waitForSelector('#admin', { state: 'visible' });
    expect(await visible(page, '#delete')).toBe(true);
    expect(await page.locator('#create').isDisabled()).toBe(false);
    expect(await page.textContent('#can-read')).toBe('true');

    await page.evaluate(() => window.vueTest.instance.logout());
    await page.waitForURL((url) => url.origin === origin && !url.search.includes('code='));
    const viewer = await open();
    await settled(viewer);
    await login(viewer, 'viewer@example.com');
    expect((await now(viewer)).permissions).toEqual(['read:reports']);
    await viewer.waitForSelector('#can-read:text("true")');
    expect(await visible(viewer, '#admin')).toBe(false);
    expect(await visible(viewer, '#delete')).toBe(false);
    expect(await viewer.locator('#create').isDisabled()).toBe(true);
    expect(await viewer.locator('#create').getAttribute('aria-disabled')).toBe('true');
  });

  it('a bad expression grants nothing and is reported once on the console', async () => {
    const page = await context.newPage();
    const reports: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('grants nothing')) reports.push(m.text());
    });
    const full = { domain: tenant.url, clientId: CLIENT_ID, audience: AUDIENCE };
    await page.goto(`${origin}/?config=${encodeURIComponent(JSON.stringify(full))}`);
    await page.waitForFunction(() => window.vueTest);
    await login(page, 'admin@example.com');
    // Once per app: count what one page load, through loading and login, reports.
    reports.length = 0;
    await page.reload();
    await page.waitForSelector('#admin', { state: 'visible', timeout: 20_000 });
    await page.evaluate(() => window.vueTest.instance.refresh());
    expect(await visible(page, '#bad-directive')).toBe(false);
    expect(await page.textContent('#bad-composable')).toBe('false');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('"read:reports delete:reports"');
  });

  it('refresh() after a role change shows the new permissions without a reload', async () => {
    const page = await open();
    await settled(page);
    await login(page, 'viewer@example.com');
    expect(await visible(page, '#admin')).toBe(false);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await tenant.admin.setUserRoles('viewer@example.com', ['admin']);
    await page.evaluate(() => window.vueTest.instance.refresh());
    await page.waitForSelector('#admin', { state: 'visible' });
    expect(await visible(page, '#delete')).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(1);
  });

  it('a logout in another tab hides the protected content here at once', async () => {
    const first = await open();
    await settled(first);
    await login(first, 'admin@example.com');
    const second = await open();
    await second.waitForSelector('#admin', { state: 'visible', timeout: 20_000 });
    await first.waitForSelector('#admin', { state: 'visible' });
    await second.evaluate(() => void window.vueTest.instance.logout());
    await first.waitForSelector('#admin', { state: 'hidden', timeout: 5000 });
    expect(await now(first)).toEqual({ state: 'anonymous', permissions: [] });
    expect(await visible(first, '#delete')).toBe(false);
    // The tab that logged out comes back from Auth0's logout to the app, signed out.
    await second.waitForURL(`${origin}/`);
    await settled(second);
    expect(await now(second)).toEqual({ state: 'anonymous', permissions: [] });
  });

  it('no flash: protected content is never visible before the permissions are known', async () => {
    const page = await open();
    await settled(page);
    await login(page, 'admin@example.com');
    // Reload with the session: sample every frame and every DOM change from the first one.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { flashes: string[] }).flashes = seen;
      const sample = () => {
        const state = (window as { vueTest?: { now?: () => { state: string } } }).vueTest?.now?.()
          .state;
        for (const id of ['admin', 'delete']) {
          const element = document.getElementById(id);
          if (element?.checkVisibility() && state !== 'authenticated')
            seen.push(`${id} while ${state}`);
        }
      };
      new MutationObserver(sample).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
      });
      const frame = () => {
        sample();
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.reload();
    await page.waitForSelector('#admin', { state: 'visible', timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { flashes: string[] }).flashes)).toEqual(
      [],
    );
  });

  it('the router guard waits for the permissions, then lets the admin in and sends the viewer to denied', async () => {
    const page = await open();
    await settled(page);
    await login(page, 'admin@example.com');
    // A first visit straight to the guarded route, while the instance is still loading.
    await page.goto(`${origin}/admin`);
    await page.waitForSelector('#page:text("admin area")', { timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/admin');

    await tenant.admin.setUserRoles('admin@example.com', ['viewer']);
    await page.goto(`${origin}/admin`);
    await page.waitForSelector('#page:text("denied")', { timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/denied');
  });

  it('an anonymous visitor is refused by the guard like any other', async () => {
    const page = await open();
    await settled(page);
    await page.goto(`${origin}/admin`);
    await page.waitForSelector('#page:text("denied")', { timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/denied');
  });
});
