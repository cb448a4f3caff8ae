import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from './harness.js';
import {
  type AppConfig,
  frames,
  isSilentAuthorize,
  openApp,
  type ReliabilityStack,
  ready,
  sessionLogin,
  startReliabilityStack,
} from './pages/reliability/stack.js';

/**
 * Several tabs of one app (one browser context, so one BroadcastChannel 'auth0-permissions'):
 * a logout in one tab hides gated content in the others within a second, and a role change
 * that one tab picks up with refresh() reaches the others. Real auth0-spa-js and Lock.
 */

let stack: ReliabilityStack;
let context: BrowserContext;
beforeAll(async () => {
  stack = await startReliabilityStack({ lock: true });
});
afterAll(() => stack?.stop());
beforeEach(async () => {
  await stack.admin.reset();
  context = await stack.browser.newContext();
});
afterEach(() => context?.close());

const SPA: AppConfig = { sdk: 'spa', options: { authorizeTimeoutInSeconds: 5 } };
const LOCK: AppConfig = { sdk: 'lock', checkSessionTimeoutMs: 5000 };

async function openTabs(config: AppConfig, count: number, email: string): Promise<Page[]> {
  await sessionLogin(stack, context, email);
  const tabs: Page[] = [];
  for (let i = 0; i < count; i++) {
    const { page } = await openApp(stack, context, config);
    expect((await ready(page)).state).toBe('authenticated');
    tabs.push(page);
  }
  return tabs;
}

/** When (wall clock, ms) `id` was last seen hidden after `since`, from the tab's frame log. */
async function hiddenAt(page: Page, id: string, since: number): Promise<number | undefined> {
  const { shown } = await frames(page);
  return shown.find((entry) => entry.at >= since && !entry.visible.includes(id))?.at;
}

async function logoutHidesOtherTabs(config: AppConfig) {
  const [first, ...others] = await openTabs(config, 3, 'admin@example.com');
  for (const tab of others)
    expect(await tab.evaluate(() => window.rel.visible())).toEqual(
      expect.arrayContaining(['read', 'delete', 'authed']),
    );
  const clicked = await first!.evaluate(() => {
    const at = performance.timeOrigin + performance.now();
    void window.rel.permissions.logout();
    return at;
  });
  const delays: number[] = [];
  for (const tab of others) {
    await tab.waitForFunction(() => window.rel.visible().length === 0, null, { timeout: 1000 });
    const at = await hiddenAt(tab, 'read', clicked);
    expect(at).toBeDefined();
    delays.push(Math.round(at! - clicked));
    expect(await tab.evaluate(() => window.rel.now())).toMatchObject({
      state: 'anonymous',
      permissions: [],
    });
  }
  for (const delay of delays) expect(delay).toBeLessThan(1000);
  // The first tab went through Auth0's logout and came back anonymous; the others stay hidden.
  await first!.waitForURL((url) => url.pathname.endsWith('/reliability/app.html'));
  await first!.waitForFunction(() => window.rel?.now);
  expect((await ready(first!)).state).toBe('anonymous');
  await others[0]!.waitForTimeout(500);
  for (const tab of [first!, ...others]) {
    expect(await tab.evaluate(() => window.rel.visible())).toEqual([]);
    expect((await frames(tab)).violations).toEqual([]);
  }
  return delays;
}

describe('several tabs', () => {
  it('auth0-spa-js: logout in one tab hides gated content in the two other tabs within one second', async () => {
    const delays = await logoutHidesOtherTabs(SPA);
    console.info(`[tabs] spa-js logout → other tabs hidden after ${delays.join(', ')} ms`);
  });

  it('Lock: logout in one tab hides gated content in the two other tabs within one second', async () => {
    const delays = await logoutHidesOtherTabs(LOCK);
    console.info(`[tabs] Lock logout → other tabs hidden after ${delays.join(', ')} ms`);
  });

  it('auth0-spa-js: a role change picked up by refresh() in one tab reaches the other tabs', async () => {
    const [first, ...others] = await openTabs(SPA, 3, 'viewer@example.com');
    for (const tab of [first!, ...others])
      expect(await tab.evaluate(() => window.rel.visible())).toEqual(['read', 'authed']);
    await stack.admin.clearLog();
    await stack.admin.setUserRoles('viewer@example.com', ['editor']);
    const started = Date.now();
    expect((await first!.evaluate(() => window.rel.refresh())).permissions).toEqual([
      'create:reports',
      'read:reports',
    ]);
    for (const tab of others) {
      await tab.waitForFunction(
        () => window.rel.now().permissions.includes('create:reports'),
        null,
        { timeout: 5000 },
      );
      expect(await tab.evaluate(() => window.rel.visible())).toEqual(['read', 'create', 'authed']);
      // never a moment without a grant on the way
      expect(await tab.evaluate(() => window.rel.changes.map((c) => c.state))).toEqual([
        'authenticated',
        'authenticated',
      ]);
      expect((await frames(tab)).violations).toEqual([]);
    }
    console.info(`[tabs] role change reached every tab in ${Date.now() - started} ms`);
    // Each tab fetched its own fresh token once: no echo of the refresh between tabs.
    await first!.waitForTimeout(500);
    const renewals = ((await stack.admin.log()) as LogEntry[]).filter(isSilentAuthorize);
    expect(renewals).toHaveLength(3);
  });

  it('a tab opened after the logout starts anonymous (the Auth0 session is gone too)', async () => {
    const [first] = await openTabs(SPA, 1, 'admin@example.com');
    await first!.evaluate(() => void window.rel.permissions.logout());
    await first!.waitForURL((url) => url.pathname.endsWith('/reliability/app.html'));
    const { page } = await openApp(stack, context, SPA);
    expect(await ready(page)).toMatchObject({ state: 'anonymous', permissions: [] });
  });
});
