// The reports app shared by the three pages. The gating itself is in each page's markup
// (data-permission, data-authenticated, …); this code only fills in the data and calls the API.
import { API_PERMISSIONS, config } from './config.js';
import { byId, fill, h } from './dom.js';
import { showFixtureUsers } from './fixture.js';
import { findingsList, tokenView } from './inspector.js';
import { startPitfalls } from './pitfalls.js';

/**
 * @typedef {import('./pitfalls.js').PitfallSdk & {
 *   user(): Promise<{ name?: string, email?: string } | undefined>,
 * }} DemoSdk
 * @typedef {{
 *   diagnose: (input: unknown, expected?: object) => any[],
 *   inspectToken: (token: unknown) => any,
 *   permissionsFromClaims: (claims: object, options?: object) => ReadonlySet<string>,
 * }} DemoLib
 */

const initials = (name = '') =>
  name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase() || '?';

/**
 * Starts the dashboard over a live permissions instance.
 * @param {{ instance: any, lib: DemoLib, sdk: DemoSdk }} options
 */
export function startDashboard({ instance, lib, sdk }) {
  const apiLog = byId('api-log');
  let reports =
    /** @type {{ id: string, title: string, author: string, updated: string }[]} */ ([]);
  let userShown = '';
  let seen = '';

  /** Calls the demo API with the current access token and logs the answer. */
  async function call(method, path, body) {
    let status = 0;
    let json = {};
    try {
      const token = await instance.getAccessToken();
      const response = await fetch(`${config.api}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      status = response.status;
      json = await response.json();
    } catch (error) {
      json = { reason: error.code ? `${error.code}: ${error.message}` : error.message };
    }
    const ok = status >= 200 && status < 300;
    const refusal = json.code ? `${json.code}: ${json.error_description}` : json.error;
    const reason = ok ? summary(method, json) : (json.reason ?? refusal ?? 'no answer');
    apiLog.prepend(
      h(
        'li',
        {
          class: ok ? 'ok' : 'bad',
          'data-status': String(status),
          'data-request': `${method} ${path}`,
        },
        h('span', { class: 'status', text: status || '—' }),
        h(
          'span',
          {},
          h('span', { class: 'request', text: `${method} ${path}` }),
          h('span', { class: 'reason', text: reason }),
        ),
      ),
    );
    return { ok, status, json };
  }

  function summary(method, json) {
    if (json.reports) return `${json.reports.length} reports`;
    if (json.users) return `${json.users.length} users`;
    if (json.report) return `created “${json.report.title}”`;
    if (json.deleted) return `deleted ${json.deleted}`;
    return method;
  }

  function renderReports() {
    const body = byId('reports-body');
    byId('reports-empty').toggleAttribute('hidden', reports.length > 0);
    fill(
      body,
      ...reports.map((report) =>
        h(
          'tr',
          { 'data-report': report.id },
          h('td', { text: report.title }),
          h('td', { text: report.author }),
          h('td', {}, h('time', { datetime: report.updated, text: report.updated })),
          h(
            'td',
            { class: 'actions' },
            h('button', {
              type: 'button',
              class: 'danger small',
              'data-permission': 'delete:reports',
              'data-delete': report.id,
              'aria-label': `Delete “${report.title}”`,
              text: 'Delete',
            }),
          ),
        ),
      ),
    );
  }

  async function loadReports() {
    const { ok, json } = await call('GET', '/api/reports');
    reports = ok ? json.reports : [];
    renderReports();
  }

  async function loadUsers() {
    const { ok, json } = await call('GET', '/api/admin/users');
    fill(
      byId('admin-users-body'),
      ...(ok ? json.users : []).map((user) =>
        h(
          'tr',
          {},
          h('td', { text: user.email }),
          h('td', { text: user.roles.length ? user.roles.join(', ') : 'no roles' }),
        ),
      ),
    );
  }

  async function renderInspector() {
    const target = byId('inspector-token');
    const findings = byId('inspector-findings');
    if (instance.state === 'anonymous' || instance.state === 'loading') {
      fill(target, h('p', { class: 'hint', text: 'Log in to see your access token.' }));
      fill(findings);
      return;
    }
    let token;
    try {
      token = await instance.getAccessToken();
    } catch {
      token = undefined;
    }
    fill(target, tokenView(token, lib));
    fill(findings, findingsList(await instance.diagnose()));
  }

  async function renderUser() {
    const user = (await sdk.user().catch(() => undefined)) ?? {};
    const name = user.name ?? user.email ?? 'Signed in';
    byId('user-name').textContent = name;
    byId('user-email').textContent = user.email ?? '';
    byId('user-avatar').textContent = initials(name);
    byId('greeting').textContent = `Hello, ${name.split(' ')[0]}`;
  }

  function renderPermissions() {
    const held = [...instance.permissions];
    const all = [...new Set([...API_PERMISSIONS, ...held])];
    fill(
      byId('permission-chips'),
      ...all.map((permission) => {
        const has = instance.permissions.has(permission);
        return h(
          'li',
          { class: `chip ${has ? 'granted' : 'denied'}`, 'data-chip': permission },
          permission,
          h('span', { class: 'visually-hidden', text: has ? ' (granted)' : ' (not granted)' }),
        );
      }),
    );
    byId('permission-count').textContent = held.length
      ? `${held.length} permission${held.length === 1 ? '' : 's'} in your access token`
      : 'No permissions in your access token';
  }

  function onChange() {
    const { state } = instance;
    const key = `${state}|${[...instance.permissions].sort().join()}`;
    byId('error-message').textContent =
      state === 'error'
        ? `${instance.error?.code ?? 'ERROR'}: ${instance.error?.message ?? ''}`
        : '';
    if (key === seen) return;
    seen = key;
    renderPermissions();
    void renderInspector();
    if (state !== 'authenticated') {
      reports = [];
      renderReports();
      fill(byId('admin-users-body'));
      userShown = '';
      return;
    }
    if (!userShown) {
      userShown = 'yes';
      void renderUser();
    }
    if (instance.hasPermission('read:reports')) void loadReports();
    else {
      reports = [];
      renderReports();
    }
    if (instance.hasPermission('manage:users')) void loadUsers();
  }

  byId('reports-body').addEventListener('click', async (event) => {
    const button = /** @type {Element} */ (event.target).closest('[data-delete]');
    if (!(button instanceof HTMLButtonElement)) return;
    const id = button.dataset.delete ?? '';
    button.disabled = true;
    const { ok } = await call('DELETE', `/api/reports/${encodeURIComponent(id)}`);
    if (ok) {
      reports = reports.filter((r) => r.id !== id);
      renderReports();
      byId('reports-caption').textContent = 'Report deleted.';
    } else button.disabled = false;
  });

  const form = /** @type {HTMLFormElement} */ (byId('create-form'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ (byId('create-title'));
    const title = input.value.trim();
    if (!title) return input.focus();
    const { ok, json } = await call('POST', '/api/reports', { title });
    if (ok) {
      reports = [...reports, json.report];
      renderReports();
      input.value = '';
      byId('reports-caption').textContent = `Report “${json.report.title}” created.`;
    }
  });

  for (const button of document.querySelectorAll('[data-api]')) {
    button.addEventListener('click', () => {
      const [method, path] = (button.getAttribute('data-api') ?? '').split(' ');
      if (method === 'DELETE') {
        const id = reports[0]?.id ?? 'q3-revenue';
        void call('DELETE', `/api/reports/${id}`).then(({ ok }) => ok && loadReports());
      } else if (method === 'POST')
        void call('POST', path, { title: 'Created without the button' }).then(
          ({ ok }) => ok && loadReports(),
        );
      else void call(method, path);
    });
  }

  showFixtureUsers();

  instance.subscribe(onChange);
  onChange();
  void startPitfalls({ instance, lib, sdk }).catch((error) => {
    byId('pitfall-status').textContent = `The pitfalls panel could not start: ${error.message}`;
  });
}
