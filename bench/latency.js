// Latency in Chromium: from the redirect callback (the navigation back to the app with
// ?code=…&state=…) to the gated UI settled (the `data-permission` element evaluated and laid
// out), against the local stand-in with a live login session. Reported: the median over runs.
import { launchChromium } from './pages/browser.js';
import { openTenantSession } from './pages/tenant-session.js';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * @param {{ browser?: import('playwright-core').Browser, runs?: number }} [options]
 * @returns {Promise<{ ms: number, runs: number[], directives: boolean }>}
 */
export async function runLatencyBench(options = {}) {
  const runs = options.runs ?? 5;
  const browser = options.browser ?? (await launchChromium());
  const session = await openTenantSession(browser);
  try {
    const page = await session.context.newPage();
    await session.login(page); // first login: picks the user, opens the session (not timed)
    const times = [];
    let directives = true;
    for (let i = 0; i < runs; i++) {
      const result = await session.login(page);
      if (result.state !== 'authenticated' || !result.granted)
        throw new Error(`callback did not settle authenticated: ${JSON.stringify(result)}`);
      directives &&= result.directives;
      times.push(result.settledMs);
    }
    await page.close();
    return { ms: median(times), runs: times, directives };
  } finally {
    await session.close();
    if (!options.browser) await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runLatencyBench());
