// In-page half of bench/dom-scale.js. The same DOM is gated by auth0-permissions
// (`data-permission`) or by Alpine.js (`x-show` reading a store); each timing ends after a forced
// style + layout (`document.body.offsetHeight`), once probe elements show the expected state.
(() => {
  const DISTINCT = 100;
  const range = (from, to) => Array.from({ length: to - from }, (_, i) => `perm:${from + i}`);
  const SETS = [range(0, 50), range(25, 75)];
  const b64 = (value) =>
    btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const token = (granted) =>
    `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'bench', permissions: granted })}.sig`;
  const layout = () => document.body.offsetHeight;
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  const markup = (count, from, attribute) => {
    let html = '';
    for (let i = from; i < from + count; i++)
      html += `<div ${attribute(`perm:${i % DISTINCT}`)}>Item ${i}</div>`;
    return html;
  };
  const ATTRIBUTES = {
    ours: (p) => `data-permission="${p}"`,
    alpine: (p) => `x-show="$store.p.g['${p}']"`,
  };
  const SHOWN = {
    ours: (el) => el.hasAttribute('data-permission-granted'),
    alpine: (el) => el.style.display !== 'none',
  };

  /** Resolves once `done()` holds: microtasks first (no timer delay), then macrotasks. */
  async function settle(done) {
    for (let i = 0; i < 20; i++) {
      if (done()) return;
      await Promise.resolve();
    }
    while (!done()) await new Promise((r) => setTimeout(r, 0));
  }

  // Probes: the first element of the list with a permission granted only by set 0 (perm:0),
  // only by set 1 (perm:50), and by neither (perm:99).
  function probes(root, from = 0) {
    const items = root.children;
    return {
      only0: items[from],
      only1: items[from + 50],
      never: items[from + 99],
    };
  }
  const settledFor = (lib, probe, set) => () =>
    SHOWN[lib](probe.only0) === (set === 0) &&
    SHOWN[lib](probe.only1) === (set === 1) &&
    !SHOWN[lib](probe.never);

  function expectedShown(count, set) {
    const granted = new Set(SETS[set]);
    let shown = 0;
    for (let i = 0; i < count; i++) if (granted.has(`perm:${i % DISTINCT}`)) shown++;
    return shown;
  }
  const countShown = (lib, root) => {
    let shown = 0;
    for (const el of root.children) if (SHOWN[lib](el)) shown++;
    return shown;
  };

  /**
   * @param {'ours' | 'alpine'} lib
   * @param {{ count: number, reevaluations: number, insert: number }} options
   */
  async function run(lib, { count, reevaluations, insert }) {
    const app = document.getElementById('app');
    if (lib === 'alpine') app.setAttribute('x-data', '');
    app.innerHTML = markup(count, 0, ATTRIBUTES[lib]);
    layout();
    const probe = probes(app);
    let set = 0;
    let apply;
    let first;

    if (lib === 'ours') {
      const { createPermissions, bindDirectives } = window.Auth0Permissions;
      let current = token(SETS[0]);
      const instance = createPermissions({
        getAccessToken: async () => current,
        channel: false,
        diagnostics: false,
      });
      await instance.ready();
      const t0 = performance.now();
      bindDirectives(instance);
      await settle(settledFor(lib, probe, 0));
      layout();
      first = performance.now() - t0;
      apply = async (next) => {
        current = token(SETS[next]);
        await instance.refresh();
      };
    } else {
      first = await new Promise((resolve, reject) => {
        let t0 = 0;
        document.addEventListener('alpine:init', () => {
          window.Alpine.store('p', { g: Object.fromEntries(SETS[0].map((p) => [p, true])) });
          t0 = performance.now();
        });
        document.addEventListener('alpine:initialized', async () => {
          await settle(settledFor(lib, probe, 0));
          layout();
          resolve(performance.now() - t0);
        });
        const script = document.createElement('script');
        script.src = '/node_modules/alpinejs/dist/cdn.min.js';
        script.onerror = reject;
        document.head.append(script);
      });
      apply = async (next) => {
        window.Alpine.store('p').g = Object.fromEntries(SETS[next].map((p) => [p, true]));
      };
    }
    const correct = [countShown(lib, app) === expectedShown(count, 0)];

    const changes = [];
    for (let i = 0; i < reevaluations; i++) {
      set = 1 - set;
      const t0 = performance.now();
      await apply(set);
      await settle(settledFor(lib, probe, set));
      layout();
      changes.push(performance.now() - t0);
    }
    correct.push(countShown(lib, app) === expectedShown(count, set));

    let inserted;
    if (insert) {
      const template = document.createElement('template');
      template.innerHTML = markup(insert, count, ATTRIBUTES[lib]);
      const fragment = template.content;
      // Item numbers continue from `count`: shift the probes to the same permissions.
      const shift = (DISTINCT - (count % DISTINCT)) % DISTINCT;
      const at = (offset) => fragment.children[(offset + shift) % DISTINCT];
      const added = { only0: at(0), only1: at(50), never: at(99) };
      const t0 = performance.now();
      app.append(fragment);
      await settle(settledFor(lib, added, set));
      layout();
      inserted = performance.now() - t0;
      correct.push(countShown(lib, app) === expectedShown(count + insert, set));
    }
    return {
      first,
      change: changes.length ? median(changes) : undefined,
      inserted,
      correct: correct.every(Boolean),
    };
  }

  window.domBench = { run };
})();
