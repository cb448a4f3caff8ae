// @ts-check
import { FixtureError, normalizeFixture, patchFixture, publicFixture } from './fixture.js';
import { HttpError, readJson, sendJson } from './http.js';

/**
 * The test-only admin API under /__admin (JSON). Never part of Auth0; see dev-tenant/README.md.
 * @typedef {import('./tokens.js').Tenant & { initialFixture: import('./fixture.js').Fixture,
 *   faults: import('./faults.js').FaultStore, log: import('./request-log.js').RequestLog,
 *   cookieName: string }} AdminTenant
 */

export const ADMIN_PREFIX = '/__admin';

/**
 * @param {AdminTenant} tenant
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleAdmin(tenant, req, res, url) {
  const path = url.pathname.slice(ADMIN_PREFIX.length).replace(/\/$/, '') || '/';
  const method = req.method ?? 'GET';
  const route = `${method} ${path}`;
  try {
    switch (route) {
      case 'GET /':
      case 'GET /info':
        return sendJson(res, 200, info(tenant));
      case 'GET /fixture':
        return sendJson(res, 200, publicFixture(tenant.fixture));
      case 'PUT /fixture':
        tenant.fixture = normalizeFixture(await readJson(req));
        return sendJson(res, 200, publicFixture(tenant.fixture));
      case 'PATCH /fixture':
        tenant.fixture = patchFixture(tenant.fixture, await readJson(req));
        return sendJson(res, 200, publicFixture(tenant.fixture));
      case 'GET /faults':
        return sendJson(res, 200, tenant.faults.list());
      case 'POST /faults': {
        const spec = await readJson(req);
        // The rogue key is made before the fault exists, never inside the request it spoils: an
        // RSA key generation there (0.1 s idle, over a second on a busy machine) could outlast
        // a client's short time-out, and the client would retry because of the stand-in.
        if (spec?.token === 'bad-signature') await tenant.keys.rogueKey();
        return sendJson(res, 201, tenant.faults.add(spec));
      }
      case 'DELETE /faults':
        tenant.faults.clear();
        return sendJson(res, 200, { cleared: true });
      case 'GET /log': {
        const only = url.searchParams.get('path');
        const entries = tenant.log.list();
        return sendJson(res, 200, only ? entries.filter((e) => e.path === only) : entries);
      }
      case 'DELETE /log':
        tenant.log.clear();
        return sendJson(res, 200, { cleared: true });
      case 'DELETE /sessions':
        tenant.state.sessions.clear();
        return sendJson(res, 200, { cleared: true });
      case 'POST /reset':
        reset(tenant);
        return sendJson(res, 200, { reset: true });
      default:
        break;
    }
    const fault = /^\/faults\/([\w-]+)$/.exec(path);
    if (fault && method === 'DELETE') {
      const removed = tenant.faults.remove(/** @type {string} */ (fault[1]));
      return sendJson(res, removed ? 200 : 404, { removed });
    }
    throw new HttpError(404, 'not_found', `No admin route ${route}`);
  } catch (error) {
    if (error instanceof FixtureError) {
      return sendJson(res, 400, {
        error: 'invalid_fixture',
        error_description: error.message,
        problems: error.problems,
      });
    }
    throw error;
  }
}

/** Fixture, faults, log, sessions, codes and refresh tokens back to the start. @param {AdminTenant} tenant */
export function reset(tenant) {
  tenant.fixture = structuredClone(tenant.initialFixture);
  tenant.faults.clear();
  tenant.log.clear();
  tenant.state.clear();
}

/** @param {AdminTenant} tenant */
export function info(tenant) {
  const app = tenant.fixture.applications[0];
  const api = tenant.fixture.apis[0];
  return {
    notice: 'Local Auth0 stand-in for development and tests. This is not Auth0.',
    domain: tenant.url,
    issuer: tenant.issuer,
    clientId: app?.clientId ?? null,
    audience: api?.identifier ?? null,
    managementAudience: `${tenant.issuer}api/v2/`,
    sessionCookie: tenant.cookieName,
    users: tenant.fixture.users.map((u) => ({ email: u.email, name: u.name, roles: u.roles })),
  };
}
