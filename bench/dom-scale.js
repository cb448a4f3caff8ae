// DOM directives at scale, in headless Chromium: 1,000 / 10,000 / 50,000 gated elements, first
// application, re-evaluation after a permission change, and 1,000 gated elements inserted into a
// live 10,000-element page; auth0-permissions (`data-permission`, the script-tag build) against
// Alpine.js `x-show` on the same DOM. Each run is a fresh page load; medians are reported.
import { launchChromium } from './pages/browser.js';
import { startPageServer } from './pages/server.js';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * @param {{ browser?: import('playwright-core').Browser, sizes?: number[], runs?: (n: number) => number }} [options]
 * @returns {Promise<{ name: string, count: number, ours: number, peer: number, correct: boolean }[]>}
 *   times in ms (lower is better)
 */
export async function runDomScaleBench(options = {}) {
  const sizes = options.sizes ?? [1_000, 10_000, 50_000];
  const runs = options.runs ?? ((n) => (n >= 50_000 ? 3 : 5));
  const browser = options.browser ?? (await launchChromium());
  const server = await startPageServer();
  const results = new Map();
  const record = (key, lib, value) => {
    if (value === undefined) return;
    const entry = results.get(key) ?? { ours: [], alpine: [], correct: true };
    entry[lib].push(value);
    results.set(key, entry);
  };
  try {
    const context = await browser.newContext();
    for (const count of sizes) {
      for (let run = 0; run < runs(count); run++) {
        for (const lib of run % 2 ? ['alpine', 'ours'] : ['ours', 'alpine']) {
          const page = await context.newPage();
          const errors = [];
          page.on('pageerror', (error) => errors.push(error.message));
          await page.goto(`${server.url}/bench/pages/dom-scale.html`);
          if (lib === 'ours') await page.addScriptTag({ url: '/dist/auth0-permissions.global.js' });
          const result = await page.evaluate(
            ([name, opts]) => window.domBench.run(name, opts),
            [lib, { count, reevaluations: 5, insert: count === 10_000 ? 1_000 : 0 }],
          );
          await page.close();
          if (errors.length) throw new Error(`${lib}, ${count} elements: ${errors[0]}`);
          record(`first|${count}`, lib, result.first);
          record(`change|${count}`, lib, result.change);
          record(`insert|${count}`, lib, result.inserted);
          for (const key of [`first|${count}`, `change|${count}`, `insert|${count}`])
            if (results.has(key) && !result.correct) results.get(key).correct = false;
        }
      }
    }
    await context.close();
  } finally {
    await server.close();
    if (!options.browser) await browser.close();
  }
  const NAMES = {
    first: (n) => `first application, ${n.toLocaleString('en')} elements`,
    change: (n) => `re-evaluation after a permission change, ${n.toLocaleString('en')} elements`,
    insert: (n) =>
      `1,000 gated elements inserted into a live ${n.toLocaleString('en')}-element page`,
  };
  return [...results].map(([key, entry]) => {
    const [kind, count] = key.split('|');
    return {
      name: NAMES[kind](Number(count)),
      kind,
      count: Number(count),
      ours: median(entry.ours),
      peer: median(entry.alpine),
      correct: entry.correct,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runDomScaleBench();
  for (const row of rows) console.log(row);
}
