// Token traffic to the local stand-in, counted in its request log (POST /oauth/token; the
// silent /authorize iframe that precedes each one is counted too). At load: N consumers ask for
// a token at once on a fresh page load with a live login session. Over a simulated hour: one
// consumer asks for a token every minute while tokens live 10 minutes; time is simulated by
// pages/clock-shim.js in the page and the same offset applied to the stand-in's Date.now.
import { join } from 'node:path';
import { launchChromium } from './pages/browser.js';
import { openTenantSession } from './pages/tenant-session.js';

const MODES = ['ours', 'raw-off', 'raw-on'];
const HOUR = 3_600_000;
const CLOCK_SHIM = join(import.meta.dirname, 'pages', 'clock-shim.js');

/** Waits until the stand-in's request log has not grown for `quietMs`. */
async function quiet(session, quietMs = 250, maxMs = 60_000) {
  const started = Date.now();
  let last = -1;
  let since = Date.now();
  for (;;) {
    const { length } = await session.tenant.admin.log();
    if (length !== last) {
      last = length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs || Date.now() - started > maxMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * @param {{ browser?: import('playwright-core').Browser, counts?: number[], hour?: boolean }} [options]
 */
export async function runTrafficBench(options = {}) {
  const counts = options.counts ?? [1, 10, 100];
  const browser = options.browser ?? (await launchChromium());
  const session = await openTenantSession(browser);
  const load = [];
  const hour = [];
  const realNow = Date.now;
  try {
    const page = await session.context.newPage();
    const first = await session.login(page);
    if (first.state !== 'authenticated') throw new Error(`login failed: ${JSON.stringify(first)}`);
    await page.close();

    for (const n of counts) {
      for (const mode of MODES) {
        await session.tenant.admin.clearLog();
        const tab = await session.context.newPage();
        const started = Date.now();
        await tab.goto(session.url({ mode, n: String(n) }));
        const result = await session.result(tab, 120_000);
        await quiet(session, 150);
        const requests = await session.tokenRequests();
        await tab.close();
        load.push({ n, mode, ...requests, ms: Date.now() - started, ...result });
      }
    }

    if (options.hour !== false) {
      // Simulated hour (see pages/clock-shim.js): the page's clock jumps from one due timer
      // to the next, and the stand-in (this process) gets the same offset through Date.now so
      // that the tokens' iat/exp agree with the page's clock.
      await session.tenant.admin.setTokenLifetime(600);
      for (const mode of MODES) {
        let offset = 0;
        Date.now = () => realNow() + offset;
        const tab = await session.context.newPage();
        await tab.addInitScript({ path: CLOCK_SHIM });
        await session.tenant.admin.clearLog();
        await tab.goto(session.url({ mode, n: '1', every: '60000' }));
        await session.result(tab, 60_000);
        await quiet(session, 200);
        const end = (await tab.evaluate(() => window.__clock.now())) + HOUR;
        for (;;) {
          const due = await tab.evaluate(() => window.__clock.peek());
          if (!(due <= end)) break;
          offset = Math.max(offset, due - realNow());
          offset = await tab.evaluate((time) => window.__clock.advanceTo(time), due);
          await quiet(session, 200);
        }
        const requests = await session.tokenRequests();
        const stats = await tab.evaluate(() => window.benchStats);
        await tab.close();
        Date.now = realNow;
        hour.push({ mode, ...requests, ...stats });
      }
    }
  } finally {
    Date.now = realNow;
    await session.close();
    if (!options.browser) await browser.close();
  }
  return { load, hour };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { load, hour } = await runTrafficBench();
  console.table(load.map(({ errors, ...row }) => ({ ...row, errors: errors?.join('; ') })));
  console.table(hour.map(({ errors, ...row }) => ({ ...row, errors: errors?.join('; ') })));
}
