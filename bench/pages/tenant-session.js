// The stand-in tenant, the page server and a logged-in browser context, shared by
// bench/traffic.js and bench/latency.js. Everything listens on localhost only.
import { startDevTenant } from '../../dev-tenant/server.js';
import { startPageServer } from './server.js';

const USER = 'admin@example.com';

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ clock?: boolean }} [options] `clock`: install Playwright's fake clock in every page
 */
export async function openTenantSession(browser) {
  const tenant = await startDevTenant({ port: 0, quiet: true });
  const server = await startPageServer();
  const { domain, clientId, audience } = await tenant.admin.info();
  const context = await browser.newContext();
  const url = (params) =>
    `${server.url}/bench/pages/traffic.html?${new URLSearchParams({ domain, clientId, audience, ...params })}`;
  const result = (page, timeout = 60_000) =>
    page
      .waitForFunction(() => window.benchResult, undefined, { timeout, polling: 20 })
      .then((handle) => handle.jsonValue());

  /** One full redirect login; resolves to the callback page's result. */
  async function login(page) {
    await page.goto(url({ mode: 'login' }));
    await result(page);
    await page.evaluate(() => {
      window.benchResult = undefined;
      void window.permissions.login();
    });
    // With a live session the stand-in answers at once; otherwise pick the user.
    page
      .waitForSelector(`[data-user="${USER}"]`, { timeout: 10_000 })
      .then((button) => button.click())
      .catch(() => undefined);
    await page.waitForURL((next) => next.searchParams.has('code'), { timeout: 20_000 });
    return result(page);
  }

  const tokenRequests = async () => {
    const log = await tenant.admin.log();
    return {
      token: log.filter((e) => e.path === '/oauth/token' && e.method === 'POST').length,
      authorize: log.filter((e) => e.path === '/authorize').length,
    };
  };

  return {
    tenant,
    context,
    url,
    result,
    login,
    tokenRequests,
    async close() {
      await context.close();
      await server.close();
      await tenant.close();
    },
  };
}
