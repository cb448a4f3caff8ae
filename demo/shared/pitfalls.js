// The pitfalls panel: each button reproduces one of the forum threads the library was built
// from, through the stand-in's admin API, then shows the broken result, the finding and the fix.
import { config, expected, NAMESPACED_ACTION, NAMESPACED_CLAIM } from './config.js';
import { byId, fill, h } from './dom.js';
import { findingsList, jsonBlock, tokenView } from './inspector.js';

/**
 * @typedef {{ code: string, severity: string, message: string, fix: string }} Finding
 * @typedef {{
 *   kind: 'spa' | 'lock',
 *   tokenWithoutAudience(): Promise<string | undefined>,
 *   refuseWithoutAudience(): void,
 *   idToken(): Promise<string | undefined>,
 *   tokenWithAudienceOnlyInParams?(): Promise<string | undefined>,
 * }} PitfallSdk
 * @typedef {{ instance: any, lib: any, admin: any, sdk: PitfallSdk }} PitfallContext
 * @typedef {{ broken: Node[], findings: Finding[], fix: string, fixCode: string,
 *   token?: string }} PitfallResult
 */

const audienceLine = () => `audience: '${config.audience}'`;

/** Claims worth showing for a token, in order; the rest is left out. */
function pick(claims, keys) {
  return Object.fromEntries(keys.filter((k) => k in claims).map((k) => [k, claims[k]]));
}

/** Refreshes the live instance and returns its token's claims (or the token view). */
async function refreshed({ instance, lib }) {
  await instance.refresh();
  const token = instance.state === 'authenticated' ? await instance.getAccessToken() : undefined;
  const info = lib.inspectToken(token);
  return { token, claims: info.kind === 'jwt' ? info.claims : {} };
}

const granted = (set) =>
  h('p', {
    class: 'hint',
    text: `Permissions the app sees: ${set.size ? [...set].join(', ') : 'none'}`,
    'data-granted': String(set.size),
  });

/** @type {{ id: string, title: string, seed: string, changesTenant: boolean, run(ctx: PitfallContext): Promise<PitfallResult> }[]} */
export const PITFALLS = [
  {
    id: 'no-audience',
    title: 'No audience',
    seed: '“Not able to enrich the access token with the user’s permissions”: the login URL had no audience.',
    changesTenant: false,
    async run({ lib, sdk }) {
      let refused = 'the library accepted it';
      try {
        sdk.refuseWithoutAudience();
      } catch (error) {
        refused = `${error.code}: ${error.message}`;
      }
      const token = await sdk.tokenWithoutAudience();
      return {
        broken: [
          h('p', {
            text:
              sdk.kind === 'lock'
                ? 'Lock built without an audience, then lock.checkSession({}):'
                : 'A raw Auth0Client without an audience, then getTokenSilently():',
          }),
          tokenView(token, lib),
          h('p', {
            class: 'hint',
            text: `auth0-permissions refuses this setup before any redirect: ${refused}`,
          }),
        ],
        findings: lib.diagnose(token, expected),
        token,
        fix: 'Send your API Identifier as the audience.',
        fixCode:
          sdk.kind === 'lock'
            ? `new Auth0Lock(clientId, domain, lockOptions({ domain, ${audienceLine()} }))`
            : `createSpaPermissions({ domain, clientId, ${audienceLine()} })`,
      };
    },
  },
  {
    id: 'rbac-off',
    title: 'RBAC off',
    seed: '“Can’t get RBAC permissions from the access token”: RBAC was never enabled on the API.',
    changesTenant: true,
    async run(ctx) {
      await ctx.admin.setApi(config.audience, { rbac: false });
      const { claims, token } = await refreshed(ctx);
      return {
        broken: [
          h('p', { text: 'Admin API: Enable RBAC → off. The app refreshed its token:' }),
          jsonBlock(pick(claims, ['aud', 'scope', 'permissions', 'sub']), {
            missing: ['permissions'],
          }),
          granted(ctx.instance.permissions),
        ],
        findings: await ctx.instance.diagnose(),
        token,
        fix: 'APIs → Reports API → Settings → RBAC Settings: turn on Enable RBAC and Add Permissions in the Access Token.',
        fixCode: `await admin.setApi('${config.audience}', { rbac: true, addPermissionsToAccessToken: true })`,
      };
    },
  },
  {
    id: 'toggle-off',
    title: 'Permissions toggle off',
    seed: '“API Permissions not in User.Claims”: RBAC on, but “Add Permissions in the Access Token” off.',
    changesTenant: true,
    async run(ctx) {
      await ctx.admin.setApi(config.audience, { addPermissionsToAccessToken: false });
      const { claims, token } = await refreshed(ctx);
      return {
        broken: [
          h('p', {
            text: 'Admin API: Add Permissions in the Access Token → off. After refresh():',
          }),
          jsonBlock(pick(claims, ['aud', 'scope', 'permissions', 'sub']), {
            missing: ['permissions'],
          }),
          granted(ctx.instance.permissions),
        ],
        findings: await ctx.instance.diagnose(),
        token,
        fix: "Turn on “Add Permissions in the Access Token” (or read scopes: claim: 'scope').",
        fixCode: `await admin.setApi('${config.audience}', { addPermissionsToAccessToken: true })`,
      };
    },
  },
  {
    id: 'id-token',
    title: 'Reading the ID token',
    seed: '“Retrieving permissions from the ID token”: the app looked in the wrong token.',
    changesTenant: false,
    async run({ lib, sdk }) {
      const idToken = await sdk.idToken();
      const info = lib.inspectToken(idToken);
      const claims = info.kind === 'jwt' ? info.claims : {};
      return {
        broken: [
          h('p', {
            text:
              sdk.kind === 'lock'
                ? 'permissionsFromClaims(authResult.idTokenPayload):'
                : 'permissionsFromClaims(await client.getIdTokenClaims()):',
          }),
          jsonBlock(pick(claims, ['aud', 'nonce', 'name', 'email', 'permissions', 'scope']), {
            missing: ['permissions'],
          }),
          granted(lib.permissionsFromClaims(claims)),
        ],
        findings: lib.diagnose(idToken, expected),
        token: idToken,
        fix: 'Permissions live in the access token only.',
        fixCode:
          sdk.kind === 'lock'
            ? 'permissionsFromClaims(inspectToken(authResult.accessToken).claims)'
            : 'permissionsFromClaims(inspectToken(await client.getTokenSilently()).claims)',
      };
    },
  },
  {
    id: 'lock-audience',
    title: 'Lock’s audience in the wrong place',
    seed: '“Can’t get RBAC permissions”, with Lock: the audience worked only under auth.params.',
    changesTenant: false,
    async run({ lib, sdk }) {
      const options = {
        auth: { responseType: 'token id_token', params: { audience: config.audience } },
      };
      const broken = [
        h('p', { text: 'new Auth0Lock(clientId, domain, options) with:' }),
        jsonBlock(options, { highlight: ['auth'] }),
      ];
      let token;
      if (sdk.tokenWithAudienceOnlyInParams) {
        token = await sdk.tokenWithAudienceOnlyInParams();
        broken.push(
          h('p', { text: 'The login works, but lock.checkSession({}) renews without it:' }),
          tokenView(token, lib),
        );
      }
      return {
        broken,
        findings: lib.diagnose(options, expected),
        token,
        fix: 'Put the audience in auth.audience AND auth.params.audience, and pass it to checkSession. lockOptions() and fromLock() do all three.',
        fixCode: `const lock = new Auth0Lock(clientId, domain, lockOptions({ domain, ${audienceLine()} }));\nconst permissions = fromLock(lock, { ${audienceLine()} });`,
      };
    },
  },
  {
    id: 'namespaced',
    title: 'Permissions in a namespaced claim',
    seed: '“How to add permissions to the access token (Actions)”: a post-login action copies them to a custom claim.',
    changesTenant: true,
    async run(ctx) {
      await ctx.admin.setAction(NAMESPACED_ACTION, { enabled: true });
      await ctx.admin.setApi(config.audience, { addPermissionsToAccessToken: false });
      const { claims, token } = await refreshed(ctx);
      return {
        broken: [
          h('p', {
            text: 'Admin API: the post-login action on, the toggle off. After refresh():',
          }),
          jsonBlock(pick(claims, ['aud', 'scope', 'permissions', NAMESPACED_CLAIM]), {
            highlight: ['aud', 'scope', NAMESPACED_CLAIM],
            missing: ['permissions'],
          }),
          granted(ctx.instance.permissions),
          h('p', {
            class: 'hint',
            text: `With the fix: ${[...ctx.lib.permissionsFromClaims(claims, { claim: NAMESPACED_CLAIM })].join(', ') || 'none'}`,
          }),
        ],
        findings: await ctx.instance.diagnose(),
        token,
        fix: 'Read the namespaced claim, or turn the toggle back on and drop the action.',
        fixCode:
          ctx.sdk.kind === 'lock'
            ? `fromLock(lock, { ${audienceLine()}, claim: '${NAMESPACED_CLAIM}' })`
            : `createSpaPermissions({ domain, clientId, ${audienceLine()}, claim: '${NAMESPACED_CLAIM}' })`,
      };
    },
  },
];

/**
 * Sends the broken token to the demo API, which verifies it with auth0-permissions/server: its
 * refusal carries the same kind of finding (code and fix) as the page's diagnosis.
 * @param {string | undefined} token
 */
async function askApi(token) {
  if (!token) return undefined;
  try {
    const response = await fetch(`${config.api}/api/reports`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, ...(await response.json()) };
  } catch (error) {
    return { status: 0, error_description: `The API did not answer: ${error.message}` };
  }
}

/** The API's verdict, beside the page's finding. */
function apiFinding(answer) {
  if (!answer) return h('p', { class: 'hint', text: 'No token reaches the API here.' });
  const accepted = answer.status >= 200 && answer.status < 300;
  return h(
    'div',
    {
      class: `finding ${accepted ? 'ok' : 'error'}`,
      'data-api-finding': answer.code ?? (accepted ? 'accepted' : String(answer.status)),
    },
    h('span', { class: 'code', text: `${answer.status} ${answer.code ?? ''}`.trim() }),
    h('p', {
      text: accepted
        ? 'GET /api/reports accepted this token.'
        : `GET /api/reports: ${answer.error_description ?? answer.error ?? 'refused'}`,
    }),
    answer.fix ? h('p', { class: 'fix' }, h('strong', { text: 'Fix: ' }), answer.fix) : null,
  );
}

/** Puts back what the pitfalls change on the stand-in (sessions stay, unlike admin.reset()). */
async function restoreTenant(admin) {
  await admin.setApi(config.audience, { rbac: true, addPermissionsToAccessToken: true });
  await admin.setAction(NAMESPACED_ACTION, { enabled: false });
}

async function tenantChanged(admin) {
  const fixture = await admin.fixture();
  const api = fixture.apis?.find((a) => a.identifier === config.audience);
  const action = fixture.actions?.find((a) => a.name === NAMESPACED_ACTION);
  return (
    Boolean(api && (!api.rbac || !api.addPermissionsToAccessToken)) || Boolean(action?.enabled)
  );
}

/**
 * Fills `#pitfalls` (stand-in only).
 * @param {Omit<PitfallContext, 'admin'>} context
 */
export async function startPitfalls(context) {
  const section = byId('pitfalls');
  if (!config.devTenant) return;
  const { createAdminClient } = await import('../../dev-tenant/lib/admin-client.js');
  // Same origin: demo/serve.js proxies /__admin to the stand-in.
  const admin = createAdminClient(location.origin);
  const ctx = { ...context, admin };
  const list = byId('pitfall-list');
  const result = byId('pitfall-result');
  const status = byId('pitfall-status');
  /** @type {HTMLElement | undefined} */
  let active;
  let busy = false;

  const setBusy = (value) => {
    busy = value;
    for (const button of list.querySelectorAll('button')) button.toggleAttribute('disabled', value);
  };

  async function undo() {
    status.textContent = 'Restoring the stand-in…';
    await restoreTenant(admin);
    await ctx.instance.refresh();
    active?.removeAttribute('data-active');
    active?.querySelector('[data-undo]')?.setAttribute('hidden', '');
    active = undefined;
    fill(result);
    status.textContent = 'Restored: RBAC on, the toggle on, the action off. Permissions refreshed.';
  }

  for (const pitfall of PITFALLS) {
    const undoButton = h('button', {
      type: 'button',
      class: 'small',
      'data-undo': pitfall.id,
      hidden: true,
      text: 'Undo',
    });
    const card = h(
      'li',
      { class: 'pitfall', 'data-pitfall': pitfall.id },
      h('h3', { text: pitfall.title }),
      h('p', { text: pitfall.seed }),
      h(
        'div',
        { class: 'row' },
        h('button', {
          type: 'button',
          class: 'small primary',
          'data-reproduce': pitfall.id,
          'aria-describedby': 'pitfall-status',
          text: 'Reproduce',
        }),
        undoButton,
      ),
    );
    undoButton.addEventListener('click', async () => {
      if (busy) return;
      setBusy(true);
      try {
        await undo();
      } finally {
        setBusy(false);
      }
    });
    card.querySelector('[data-reproduce]')?.addEventListener('click', async () => {
      if (busy) return;
      setBusy(true);
      try {
        if (active) await undo();
        status.textContent = `Reproducing “${pitfall.title}”…`;
        const outcome = await pitfall.run(ctx);
        const api = await askApi(outcome.token);
        active = card;
        card.setAttribute('data-active', '');
        if (pitfall.changesTenant) undoButton.removeAttribute('hidden');
        fill(
          result,
          h('div', {}, h('h3', { text: 'Broken result' }), ...outcome.broken),
          h(
            'div',
            {},
            h('h3', { text: 'Finding' }),
            findingsList(outcome.findings, 'No findings.'),
            h('h3', { text: 'The API’s finding' }),
            apiFinding(api),
            h('h3', { text: 'Fix' }),
            h('p', { text: outcome.fix }),
            h('pre', { class: 'code', 'data-fix': pitfall.id, text: outcome.fixCode }),
          ),
        );
        status.textContent = `“${pitfall.title}” reproduced: ${outcome.findings.map((f) => f.code).join(', ') || 'no finding'}.${pitfall.changesTenant ? ' The whole page follows the broken token; Undo restores it.' : ''}`;
      } catch (error) {
        status.textContent = `Could not reproduce “${pitfall.title}”: ${error.message}`;
      } finally {
        setBusy(false);
      }
    });
    list.append(card);
  }
  section.removeAttribute('hidden');
  if (await tenantChanged(admin)) {
    const restore = h('button', { type: 'button', class: 'small', text: 'Restore the stand-in' });
    restore.addEventListener('click', async () => {
      restore.remove();
      await undo();
    });
    status.replaceChildren('A pitfall from an earlier visit is still active. ', restore);
  }
}
