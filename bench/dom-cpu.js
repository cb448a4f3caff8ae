// Where bench/dom.js's time goes, measured as CPU time of the page's main thread from a Chromium
// trace, which a busy or shared machine does not inflate the way it inflates wall-clock time.
// For ours and for the same change written by hand (`el.hidden`, no library): the JavaScript of
// the first application and of the re-evaluation, the style recalculation each one causes, and
// the CPU that V8 spends compiling on background threads meanwhile (it competes for the cores).
// `node bench/dom-cpu.js` prints medians and minimums; it is not part of `npm run bench`.
import { launchChromium } from './pages/browser.js';
import { startPageServer } from './pages/server.js';

const RUNS = Number(process.env.RUNS ?? 9);
const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'blink.user_timing',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.compile',
];

/** Runs in the page: builds 10,000 gated elements and a token getter. */
function setUp(lib) {
  const range = (from) => Array.from({ length: 50 }, (_, i) => `perm:${from + i}`);
  window.SETS = [range(0), range(25)];
  const app = document.getElementById('app');
  const items = [];
  for (let i = 0; i < 10_000; i++) {
    const item = document.createElement('div');
    item.setAttribute('data-permission', `perm:${i % 100}`);
    if (lib === 'hand') item.hidden = true;
    item.textContent = `Item ${i}`;
    items.push(item);
  }
  app.replaceChildren(...items);
  document.body.offsetHeight;
  window.items = items;
  if (lib === 'hand') {
    window.apply = (set) => {
      const granted = new Set(window.SETS[set]);
      for (const item of items) item.hidden = !granted.has(item.getAttribute('data-permission'));
    };
    return undefined;
  }
  const b64 = (value) =>
    btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  window.use = (set) => {
    window.token = `${b64({ alg: 'RS256' })}.${b64({ sub: 'bench', permissions: window.SETS[set] })}.c2ln`;
  };
  window.use(0);
  window.instance = window.Auth0Permissions.createPermissions({
    getAccessToken: async () => window.token,
  });
  return window.instance.ready().then(() => undefined);
}

async function measure(browser, url, lib) {
  const page = await browser.newPage();
  await page.goto(url);
  if (lib === 'ours') await page.addScriptTag({ url: '/dist/auth0-permissions.global.js' });
  await page.evaluate(setUp, lib);
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.evaluate((lib) => {
    performance.mark('first:start');
    if (lib === 'hand') window.apply(0);
    else window.Auth0Permissions.bindDirectives(window.instance, document.getElementById('app'));
    performance.mark('first:js');
    getComputedStyle(window.items.at(-1)).display;
    performance.mark('first:end');
  }, lib);
  await page.evaluate(() => {
    document.body.offsetHeight;
    window.use?.(1);
  });
  await page.evaluate(async (lib) => {
    performance.mark('change:start');
    if (lib === 'hand') window.apply(1);
    else await window.instance.refresh();
    performance.mark('change:js');
    getComputedStyle(window.items.at(-1)).display;
    performance.mark('change:end');
  }, lib);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await page.close();
  const mark = (name) => events.find((e) => e.name === name && e.cat.includes('user_timing'));
  const { pid, tid } = mark('first:start');
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const cpu = (list) => list.reduce((sum, e) => sum + (e.tdur ?? e.dur), 0) / 1000;
  const within = (from, to) => (e) => e.ts >= from.ts && e.ts <= to.ts;
  const phase = (name) => {
    const [start, js, end] = ['start', 'js', 'end'].map((step) => mark(`${name}:${step}`));
    const style = cpu(
      main.filter(
        (e) =>
          (e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles') && within(js, end)(e),
      ),
    );
    // The task that ran the evaluate() call, minus its style work: our (or the hand loop's) JS.
    const task = cpu(
      main.filter((e) => e.name === 'RunTask' && e.ts <= start.ts && e.ts + e.dur >= start.ts),
    );
    const compile = cpu(
      events.filter(
        (e) =>
          e.ph === 'X' && e.tid !== tid && e.name === 'ThreadPool_RunTask' && within(start, end)(e),
      ),
    );
    return { js: task - style, style, compile };
  };
  return { first: phase('first'), change: phase('change') };
}

const browser = await launchChromium();
const server = await startPageServer();
const samples = { ours: [], hand: [] };
try {
  for (let run = 0; run < RUNS; run++)
    for (const lib of run % 2 ? ['hand', 'ours'] : ['ours', 'hand'])
      samples[lib].push(await measure(browser, `${server.url}/bench/pages/dom-scale.html`, lib));
} finally {
  await browser.close();
  await server.close();
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
for (const lib of ['ours', 'hand'])
  for (const phase of ['first', 'change']) {
    const pick = (key) => samples[lib].map((sample) => sample[phase][key]);
    const total = samples[lib].map((sample) => sample[phase].js + sample[phase].style);
    rows.push({
      who: lib === 'ours' ? 'auth0-permissions' : 'by hand (el.hidden)',
      phase: phase === 'first' ? 'first application' : 're-evaluation',
      'JS ms': median(pick('js')).toFixed(1),
      'style ms': median(pick('style')).toFixed(1),
      'main thread ms': median(total).toFixed(1),
      'min ms': Math.min(...total).toFixed(1),
      'background compile ms': median(pick('compile')).toFixed(1),
    });
  }
console.log(`Main-thread CPU time, median of ${RUNS} fresh pages, 10,000 gated elements:`);
console.table(rows);
