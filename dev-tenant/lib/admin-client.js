// @ts-check
/**
 * @typedef {{ path: string, method?: string, params?: Record<string, string>, status?: number,
 *   retryAfter?: number, delayMs?: number, oauthError?: { error: string, error_description?: string },
 *   token?: import('./faults.js').Fault['token'], times?: number, drop?: boolean, body?: unknown }} FaultSpec
 * @typedef {import('./request-log.js').LogEntry} LogEntry
 */

/** The header that carries the admin secret (here, not in admin-guard.js: this file also runs in the demo page). */
export const ADMIN_SECRET_HEADER = 'x-dev-tenant-admin-secret';

/**
 * A client for the admin API of a running stand-in (this process or another one). Every method
 * returns a promise and rejects with the server's `error_description`.
 * @example
 * const admin = createAdminClient('http://localhost:4400', process.env.DEV_TENANT_ADMIN_SECRET);
 * await admin.setUserRoles('viewer@example.com', ['editor']);
 * @param {string} baseUrl the tenant URL, e.g. `http://localhost:4400`
 * @param {string} [secret] the admin secret the stand-in printed at start (`tenant.adminSecret`);
 *   leave it out only behind a proxy that adds it (the demo's `/__admin`)
 */
export function createAdminClient(baseUrl, secret) {
  const root = `${baseUrl.replace(/\/$/, '')}/__admin`;
  /** @param {string} method @param {string} path @param {unknown} [body] @returns {Promise<any>} */
  const call = async (method, path, body) => {
    /** @type {Record<string, string>} */
    const headers = {};
    // Every write is JSON, even a bodiless DELETE: the stand-in refuses other writes.
    if (method !== 'GET') headers['content-type'] = 'application/json';
    if (secret) headers[ADMIN_SECRET_HEADER] = secret;
    const res = await fetch(`${root}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) {
      throw Object.assign(new Error(`dev-tenant admin: ${json.error_description ?? res.status}`), {
        status: res.status,
        body: json,
      });
    }
    return json;
  };
  /** @param {unknown} partial */
  const patch = (partial) => call('PATCH', '/fixture', partial);
  return {
    /** Domain, issuer, client id, audience, users. */
    info: () => call('GET', '/info'),
    /** The live fixture (passwords left out). */
    fixture: () => call('GET', '/fixture'),
    /** Replaces the whole fixture (validated; passwords required). @param {unknown} fixture */
    setFixture: (fixture) => call('PUT', '/fixture', fixture),
    /** Merges a partial fixture: collections merge by key, `$delete: true` removes. */
    patch,
    /** @param {string} identifier @param {{ rbac?: boolean, addPermissionsToAccessToken?: boolean, allowOfflineAccess?: boolean, permissions?: (string | { value: string, description?: string })[], name?: string }} changes */
    setApi: (identifier, changes) => patch({ apis: [{ ...changes, identifier }] }),
    /** @param {string} email @param {string[]} roles */
    setUserRoles: (email, roles) => patch({ users: [{ email, roles }] }),
    /** @param {string} email @param {Record<string, unknown>} changes */
    setUser: (email, changes) => patch({ users: [{ ...changes, email }] }),
    /** @param {string} name @param {Record<string, string[]>} permissions API identifier → permissions */
    setRole: (name, permissions) => patch({ roles: [{ name, permissions }] }),
    /** @param {string} name @param {{ enabled?: boolean, claim?: string, value?: unknown, idToken?: boolean, accessToken?: boolean, audience?: string | null }} changes */
    setAction: (name, changes) => patch({ actions: [{ ...changes, name }] }),
    /** @param {string} clientId @param {Record<string, unknown>} changes */
    setApplication: (clientId, changes) => patch({ applications: [{ ...changes, clientId }] }),
    /** Access-token lifetime (`expires_in`) in seconds. @param {number} seconds */
    setTokenLifetime: (seconds) => patch({ tokenLifetime: seconds }),
    /** Injects a fault; resolves to its id. @param {FaultSpec} spec @returns {Promise<string>} */
    fault: async (spec) => (await call('POST', '/faults', spec)).id,
    /** The active faults, with `hits`. */
    faults: () => call('GET', '/faults'),
    /** @param {string} id */
    removeFault: (id) => call('DELETE', `/faults/${encodeURIComponent(id)}`),
    clearFaults: () => call('DELETE', '/faults'),
    /** The request log, oldest first; secrets are redacted. @param {{ path?: string }} [filter] @returns {Promise<LogEntry[]>} */
    log: (filter = {}) =>
      call('GET', `/log${filter.path ? `?path=${encodeURIComponent(filter.path)}` : ''}`),
    clearLog: () => call('DELETE', '/log'),
    /** Ends every login session (the next prompt=none gets login_required). */
    logoutAll: () => call('DELETE', '/sessions'),
    /** Fixture, faults, log, sessions, codes and refresh tokens back to the start. */
    reset: () => call('POST', '/reset'),
  };
}
