// The reports dashboard of the other demo pages, in React. The gating is <Can>, usePermission()
// and <RequirePermission>; the data comes from the demo API with usePermissionsInstance()'s token.

import { useAuth0 } from '@auth0/auth0-react';
import { Auth0Client } from '@auth0/auth0-spa-js';
import { diagnose, inspectToken, permissionsFromClaims } from 'auth0-permissions';
import {
  auth0ProviderOptions,
  Can,
  RequirePermission,
  usePermission,
  usePermissions,
  usePermissionsInstance,
} from 'auth0-permissions/react';
import {
  type FormEvent,
  createElement as h,
  type ReactNode,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { API_PERMISSIONS, config } from '../shared/config.js';
import { fill } from '../shared/dom.js';
import { showFixtureUsers } from '../shared/fixture.js';
import { findingsList, tokenView } from '../shared/inspector.js';
import { startPitfalls } from '../shared/pitfalls.js';

type Report = { id: string; title: string; author: string; updated: string };
type Logged = { id: number; status: number; request: string; reason: string };
const lib = { diagnose, inspectToken, permissionsFromClaims };
const gate = (text: string) => h('code', { className: 'gate' }, text);

function summary(method: string, json: Record<string, unknown>): string {
  const { reports, users, report, deleted } = json as {
    reports?: unknown[];
    users?: unknown[];
    report?: Report;
    deleted?: string;
  };
  if (reports) return `${reports.length} reports`;
  if (users) return `${users.length} users`;
  if (report) return `created “${report.title}”`;
  return deleted ? `deleted ${deleted}` : method;
}

/** Calls the demo API with the current access token; every answer goes to the log. */
function useApi() {
  const permissions = usePermissionsInstance();
  const [log, setLog] = useState<Logged[]>([]);
  const call = useCallback(
    async (method: string, path: string, body?: unknown) => {
      let status = 0;
      let json: Record<string, unknown> = {};
      try {
        const response = await fetch(`${config.api}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${await permissions.getAccessToken()}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        status = response.status;
        json = await response.json();
      } catch (error) {
        json = { reason: (error as Error).message };
      }
      const ok = status >= 200 && status < 300;
      // A refusal of auth0-permissions/server carries its code and a one-line description.
      const refusal = json.code ? `${json.code}: ${json.error_description}` : json.error;
      const reason = ok ? summary(method, json) : String(json.reason ?? refusal ?? 'no answer');
      setLog((entries) => [
        { id: entries.length, status, request: `${method} ${path}`, reason },
        ...entries,
      ]);
      return { ok, json };
    },
    [permissions],
  );
  return { log, call };
}

function Account() {
  const permissions = usePermissionsInstance();
  const { state } = usePermissions();
  const { user } = useAuth0();
  const name = user?.name ?? user?.email ?? '';
  if (state === 'loading') return null;
  if (state !== 'authenticated')
    return h(
      'button',
      { type: 'button', className: 'primary', onClick: () => void permissions.login() },
      'Log in',
    );
  return h(
    'div',
    { className: 'account' },
    h(
      'div',
      { className: 'who' },
      h('span', { className: 'avatar', 'aria-hidden': true }, name.slice(0, 1).toUpperCase()),
      h(
        'span',
        null,
        h('span', { id: 'user-name' }, name),
        h('span', { className: 'who-email' }, user?.email ?? ''),
      ),
    ),
    h('button', { type: 'button', onClick: () => void permissions.logout() }, 'Log out'),
  );
}

function Welcome() {
  const permissions = usePermissionsInstance();
  useEffect(() => showFixtureUsers(), []);
  return h(
    'section',
    { className: 'card welcome', 'aria-labelledby': 'welcome-title' },
    h(
      'div',
      null,
      h('h1', { id: 'welcome-title' }, 'Your team’s reports, in one place'),
      h(
        'p',
        { className: 'lead' },
        'Log in to read reports. What else you can do follows the permissions in your Auth0 access token.',
      ),
      h(
        'button',
        { type: 'button', className: 'primary', onClick: () => void permissions.login() },
        'Log in',
      ),
    ),
    h(
      'div',
      { id: 'fixture', hidden: true },
      h('h2', null, 'Test users on the stand-in'),
      h('ul', { className: 'users', id: 'fixture-users' }),
      h('p', { className: 'hint' }, 'Password: ', h('code', { id: 'fixture-password' })),
    ),
  );
}

function Chips() {
  const permissions = usePermissionsInstance();
  const { permissions: held } = usePermissions();
  const { user } = useAuth0();
  return h(
    'section',
    { className: 'card', 'aria-labelledby': 'greeting' },
    h(
      'div',
      { className: 'card-head' },
      h('h1', { id: 'greeting' }, `Hello, ${(user?.name ?? '').split(' ')[0]}`),
      h(
        'button',
        { type: 'button', className: 'small', onClick: () => void permissions.refresh() },
        'Refresh permissions',
      ),
    ),
    h('p', { className: 'hint' }, `${held.size} permissions in your access token`),
    h(
      'ul',
      { className: 'chips', 'aria-label': 'Your permissions' },
      [...new Set([...API_PERMISSIONS, ...held])].map((p) =>
        h(
          'li',
          { key: p, className: `chip ${held.has(p) ? 'granted' : 'denied'}`, 'data-chip': p },
          p,
        ),
      ),
    ),
  );
}

function Reports({ call }: { call: ReturnType<typeof useApi>['call'] }) {
  const [reports, setReports] = useState<Report[]>([]);
  const [title, setTitle] = useState('');
  const canCreate = usePermission('create:reports');
  const { permissions } = usePermissions();
  // Reloaded when the permissions change (a role change, a pitfall), as the other pages do.
  // biome-ignore lint/correctness/useExhaustiveDependencies: permissions is the trigger
  useEffect(() => {
    void call('GET', '/api/reports').then(({ ok, json }) =>
      setReports(ok ? (json.reports as Report[]) : []),
    );
  }, [call, permissions]);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const { ok, json } = await call('POST', '/api/reports', { title });
    if (ok) setReports((all) => [...all, json.report as Report]);
    setTitle('');
  };
  const remove = async (id: string) => {
    const { ok } = await call('DELETE', `/api/reports/${encodeURIComponent(id)}`);
    if (ok) setReports((all) => all.filter((report) => report.id !== id));
  };
  return h(
    'section',
    { className: 'card', 'aria-labelledby': 'reports-title' },
    h(
      'div',
      { className: 'card-head' },
      h('h2', { id: 'reports-title' }, 'Reports'),
      gate('<Can when="read:reports">'),
    ),
    h(
      'div',
      { className: 'table-wrap' },
      h(
        'table',
        null,
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', null, 'Title'),
            h('th', null, 'Author'),
            h('th', null, 'Updated'),
            h('th', null),
          ),
        ),
        h(
          'tbody',
          { id: 'reports-body' },
          reports.map((report) =>
            h(
              'tr',
              { key: report.id, 'data-report': report.id },
              h('td', null, report.title),
              h('td', null, report.author),
              h('td', null, report.updated),
              h(
                'td',
                { className: 'actions' },
                h(
                  Can,
                  { when: 'delete:reports' },
                  h(
                    'button',
                    {
                      type: 'button',
                      className: 'danger small',
                      'data-delete': report.id,
                      'aria-label': `Delete “${report.title}”`,
                      onClick: () => void remove(report.id),
                    },
                    'Delete',
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
    h(
      'form',
      { id: 'create-form', onSubmit: create },
      h(
        'fieldset',
        { className: 'create', disabled: !canCreate, 'aria-disabled': !canCreate },
        h(
          'label',
          { htmlFor: 'create-title' },
          'New report ',
          gate('usePermission("create:reports")'),
        ),
        h('input', {
          id: 'create-title',
          value: title,
          maxLength: 120,
          onChange: (e: { target: { value: string } }) => setTitle(e.target.value),
          placeholder: 'Q4 forecast',
        }),
        h('button', { type: 'submit', className: 'primary' }, 'Create report'),
      ),
    ),
    canCreate
      ? null
      : h(
          'p',
          { className: 'hint' },
          'Creating reports needs create:reports; the form stays visible, disabled.',
        ),
  );
}

function AdminUsers({ call }: { call: ReturnType<typeof useApi>['call'] }) {
  const [users, setUsers] = useState<{ email: string; roles: string[] }[]>([]);
  useEffect(() => {
    void call('GET', '/api/admin/users').then(({ ok, json }) =>
      setUsers(ok ? (json.users as typeof users) : []),
    );
  }, [call]);
  return h(
    'section',
    { className: 'card', id: 'admin', 'aria-labelledby': 'admin-title' },
    h(
      'div',
      { className: 'card-head' },
      h('h2', { id: 'admin-title' }, 'Admin · Users'),
      gate('<RequirePermission when="manage:users">'),
    ),
    h(
      'table',
      null,
      h(
        'tbody',
        { id: 'admin-users-body' },
        users.map((user) =>
          h(
            'tr',
            { key: user.email },
            h('td', null, user.email),
            h('td', null, user.roles.join(', ') || 'no roles'),
          ),
        ),
      ),
    ),
  );
}

function ApiPanel({ log, call }: ReturnType<typeof useApi>) {
  const requests = [
    'GET /api/reports',
    'POST /api/reports',
    'DELETE /api/reports/q3-revenue',
    'GET /api/admin/users',
  ];
  return h(
    'section',
    { className: 'card', 'aria-labelledby': 'api-title' },
    h('h2', { id: 'api-title' }, 'The API decides'),
    h(
      'p',
      { className: 'hint' },
      'UI gating is not authorization. These buttons call the demo API directly, even for actions this page hides from you: the API checks the token on every request.',
    ),
    h(
      'div',
      { className: 'api-buttons' },
      requests.map((request) => {
        const [method = 'GET', path = '/'] = request.split(' ');
        return h(
          'button',
          {
            key: request,
            type: 'button',
            className: 'api-call',
            'data-api': request,
            onClick: () =>
              void call(
                method,
                path,
                method === 'POST' ? { title: 'Created without the button' } : undefined,
              ),
          },
          request,
        );
      }),
    ),
    h('h3', null, 'Responses'),
    h(
      'ol',
      { className: 'api-log', id: 'api-log', 'aria-live': 'polite' },
      log.map((entry) =>
        h(
          'li',
          {
            key: entry.id,
            className: entry.status >= 200 && entry.status < 300 ? 'ok' : 'bad',
            'data-status': String(entry.status),
            'data-request': entry.request,
          },
          h('span', { className: 'status' }, entry.status || '—'),
          h(
            'span',
            null,
            h('span', { className: 'request' }, entry.request),
            h('span', { className: 'reason' }, entry.reason),
          ),
        ),
      ),
    ),
  );
}

function Dashboard() {
  const api = useApi();
  return h(
    'div',
    { className: 'grid' },
    h(
      'div',
      { className: 'stack' },
      h(Chips),
      h(
        Can,
        {
          when: 'read:reports',
          fallback: h(
            'section',
            { className: 'card' },
            h('h2', null, 'No access to reports'),
            h('p', null, 'Your access token has no read:reports permission.'),
          ),
        },
        h(Reports, { call: api.call }),
      ),
      h(
        RequirePermission,
        {
          when: 'manage:users',
          denied: h(
            Can,
            { when: 'read:reports' },
            h('p', { className: 'note-box' }, 'The admin area is hidden: it needs manage:users.'),
          ),
        },
        h(AdminUsers, { call: api.call }),
      ),
    ),
    h(ApiPanel, api),
  );
}

/** The parts shared with the other pages: html[data-permissions-state], inspector, pitfalls. */
function SharedPanels(): ReactNode {
  const permissions = usePermissionsInstance();
  const snapshot = usePermissions();
  const auth0 = useAuth0();
  const latest = useRef(auth0);
  latest.current = auth0;
  useEffect(() => {
    document.documentElement.dataset.permissionsState = snapshot.state;
    const message = document.getElementById('error-message')!;
    message.textContent = snapshot.error ? `${snapshot.error.code}: ${snapshot.error.message}` : '';
    if (snapshot.state === 'loading' || snapshot.state === 'anonymous') {
      fill(document.getElementById('inspector-token')!);
      fill(document.getElementById('inspector-findings')!);
      return;
    }
    void (async () => {
      const token = await permissions.getAccessToken().catch(() => undefined);
      fill(document.getElementById('inspector-token')!, tokenView(token, lib));
      fill(
        document.getElementById('inspector-findings')!,
        findingsList(await permissions.diagnose()),
      );
    })();
  }, [permissions, snapshot]);
  const started = useRef(false);
  useEffect(() => {
    if (started.current || snapshot.state === 'loading') return;
    started.current = true;
    void startPitfalls({
      instance: permissions,
      lib,
      sdk: {
        kind: 'spa',
        idToken: async () => (await latest.current.getIdTokenClaims())?.__raw,
        refuseWithoutAudience: () =>
          auth0ProviderOptions({ domain: config.domain, clientId: config.clientId }),
        // The pitfall: a second auth0-spa-js client, built without an audience.
        tokenWithoutAudience: () =>
          new Auth0Client({ domain: config.domain, clientId: config.clientId }).getTokenSilently({
            cacheMode: 'off',
          }),
      },
    });
  }, [permissions, snapshot.state]);
  return null;
}

/** The whole page: the account area (in the header), the welcome or the dashboard. */
export function Page() {
  const { state } = usePermissions();
  return h(
    'div',
    null,
    createPortal(h(Account), document.getElementById('account')!),
    h(SharedPanels),
    state === 'anonymous' ? h(Welcome) : null,
    state === 'authenticated' ? h(Dashboard) : null,
  );
}
