// The directives in wall-clock time, for information, in headless Chromium, on 10,000 gated
// elements (100 distinct permissions, half granted): first application and re-evaluation after a
// permission change (half of the elements flip); Alpine.js `x-show` reading a store on the same
// DOM, in the same run, is the reference. The DOM target itself is a ratio of CPU time to the
// same change written by hand (bench/dom-cpu.js); a busy machine inflates these times, not that
// ratio. Each run is a fresh page; ours, Alpine's and the hand loop's alternate. Times end once the new state is applied: the JS ran and Chromium recomputed styles
// (`getComputedStyle`). The layout of the revealed text comes after, costs the same whoever
// toggles `display`, and is reported apart, beside the same change made by hand (`el.hidden`).
import { launchChromium } from './pages/browser.js';
import { startPageServer } from './pages/server.js';

const COUNT = 10_000;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs in the page. */
async function measure([lib, count]) {
  const DISTINCT = 100;
  const range = (from) => Array.from({ length: 50 }, (_, i) => `perm:${from + i}`);
  const SETS = [range(0), range(25)];
  const app = document.getElementById('app');
  app.replaceChildren();
  const items = [];
  for (let i = 0; i < count; i++) {
    const item = document.createElement('div');
    const permission = `perm:${i % DISTINCT}`;
    if (lib === 'ours') item.setAttribute('data-permission', permission);
    else if (lib === 'alpine') item.setAttribute('x-show', `$store.p.g['${permission}']`);
    item.textContent = `Item ${i}`;
    items.push(item);
  }
  if (lib === 'alpine') app.setAttribute('x-data', '');
  app.append(...items);
  document.body.offsetHeight;
  const style = () => getComputedStyle(items[count - 1]).display;
  const layout = () => document.body.offsetHeight;
  const shown = (item) =>
    lib === 'ours'
      ? item.hasAttribute('data-permission-granted')
      : lib === 'alpine'
        ? item.style.display !== 'none'
        : !item.hidden;
  const expected = (set) => items.filter((_, i) => SETS[set].includes(`perm:${i % DISTINCT}`));
  const correct = (set) => {
    const want = new Set(expected(set));
    return items.every((item) => shown(item) === want.has(item));
  };
  const settle = async (set) => {
    const probe = items[set === 0 ? 0 : 50];
    for (let i = 0; i < 50 && !shown(probe); i++) await Promise.resolve();
    while (!shown(probe)) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const timed = async (run, set) => {
    const t0 = performance.now();
    await run();
    await settle(set);
    style();
    const applied = performance.now() - t0;
    layout();
    return { applied, settled: performance.now() - t0, correct: correct(set) };
  };

  if (lib === 'hand') {
    const toggle = (set) => () => {
      const granted = new Set(SETS[set]);
      for (let i = 0; i < count; i++) items[i].hidden = !granted.has(`perm:${i % DISTINCT}`);
    };
    for (const item of items) item.hidden = true;
    layout();
    return { first: await timed(toggle(0), 0), change: await timed(toggle(1), 1) };
  }
  if (lib === 'ours') {
    const { createPermissions, bindDirectives } = window.Auth0Permissions;
    const b64 = (value) =>
      btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    let token = '';
    const use = (set) => {
      token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'bench', permissions: SETS[set] })}.c2ln`;
    };
    use(0);
    const instance = createPermissions({
      getAccessToken: async () => token,
      channel: false,
      diagnostics: false,
    });
    await instance.ready();
    const first = await timed(() => bindDirectives(instance, app), 0);
    use(1);
    return { first, change: await timed(() => instance.refresh(), 1) };
  }
  const Alpine = window.Alpine;
  const store = (set) => Object.fromEntries(SETS[set].map((p) => [p, true]));
  Alpine.store('p', { g: store(0) });
  const first = await timed(() => Alpine.start(), 0);
  return { first, change: await timed(() => (Alpine.store('p').g = store(1)), 1) };
}

/**
 * @param {{ browser?: import('playwright-core').Browser, runs?: number }} [options]
 * @returns {Promise<{ name: string, ours: number, peer: number, ratio: number, laidOut: { ours: number, peer: number, byHand: number }, byHand: number, correct: boolean }[]>}
 *   median times in ms; `peer` is Alpine.js `x-show`; `ratio` = ours / peer
 */
export async function runDomBench(options = {}) {
  const runs = options.runs ?? 7;
  const browser = options.browser ?? (await launchChromium());
  const server = await startPageServer();
  const samples = { ours: [], alpine: [], hand: [] };
  try {
    const context = await browser.newContext();
    for (let run = 0; run < runs; run++) {
      for (const lib of run % 2 ? ['hand', 'alpine', 'ours'] : ['ours', 'alpine', 'hand']) {
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${server.url}/bench/pages/dom-scale.html`);
        if (lib === 'ours') await page.addScriptTag({ url: '/dist/auth0-permissions.global.js' });
        if (lib === 'alpine') {
          await page.evaluate(() => {
            window.deferLoadingAlpine = () => {};
          });
          await page.addScriptTag({
            type: 'module',
            content:
              "import Alpine from '/node_modules/alpinejs/dist/module.esm.min.js'; window.Alpine = Alpine;",
          });
          await page.waitForFunction(() => window.Alpine);
        }
        const result = await page.evaluate(measure, [lib, COUNT]);
        await page.close();
        if (errors.length) throw new Error(`${lib}: ${errors[0]}`);
        samples[lib].push(result);
      }
    }
    await context.close();
  } finally {
    await server.close();
    if (!options.browser) await browser.close();
  }
  const pick = (lib, phase, key) => median(samples[lib].map((result) => result[phase][key]));
  const round = (value) => Number(value.toFixed(2));
  return [
    ['first', 'first application'],
    ['change', 're-evaluation after a permission change'],
  ].map(([phase, label]) => {
    const ours = pick('ours', phase, 'applied');
    const peer = pick('alpine', phase, 'applied');
    return {
      name: `directives: ${label}, ${COUNT.toLocaleString('en')} elements (vs Alpine x-show)`,
      ours: round(ours),
      peer: round(peer),
      ratio: round(ours / peer),
      byHand: round(pick('hand', phase, 'applied')),
      laidOut: {
        ours: round(pick('ours', phase, 'settled')),
        peer: round(pick('alpine', phase, 'settled')),
        byHand: round(pick('hand', phase, 'settled')),
      },
      correct: ['ours', 'alpine', 'hand'].every((lib) =>
        samples[lib].every((result) => result[phase].correct),
      ),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runDomBench();
  console.table(
    rows.map(({ laidOut, ...row }) => ({
      ...row,
      'laid out: ours': laidOut.ours,
      'laid out: Alpine': laidOut.peer,
      'laid out: by hand': laidOut.byHand,
    })),
  );
  const wrong = rows.filter((row) => !row.correct);
  if (wrong.length) {
    console.error(`Gated wrongly: ${wrong.map((row) => row.name).join('; ')}`);
    process.exitCode = 1;
  }
}
