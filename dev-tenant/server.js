// @ts-check
import { createServer } from 'node:http';
import { ADMIN_PREFIX, handleAdmin } from './lib/admin.js';
import { createAdminClient } from './lib/admin-client.js';
import { checkAdminRequest, newAdminSecret } from './lib/admin-guard.js';
import { handleAuthorize, handleLoginSubmit } from './lib/authorize.js';
import { FaultStore, faultBody, faultHeaders } from './lib/faults.js';
import { normalizeFixture, originAllowed, readFixtureSource } from './lib/fixture.js';
import { applyCors, HttpError, readCookies, readParams, sendError, sendJson } from './lib/http.js';
import { createKeys } from './lib/keys.js';
import {
  handleChangePassword,
  handleClientScript,
  handleCrossOriginAuthenticate,
  handleLanguage,
  handleSignup,
} from './lib/lock.js';
import {
  handleAvatar,
  handleDiscovery,
  handleJwks,
  handleLogout,
  handleStyles,
  handleUserinfo,
} from './lib/oidc.js';
import { RequestLog } from './lib/request-log.js';
import { TenantState } from './lib/state.js';
import { handleRevoke, handleToken } from './lib/token-endpoint.js';

export { createAdminClient } from './lib/admin-client.js';
export { ADMIN_SECRET_HEADER } from './lib/admin-guard.js';
export { FixtureError } from './lib/fixture.js';

export const NOT_AUTH0_NOTICE = 'Local Auth0 stand-in (NOT Auth0; for development and tests only)';

/**
 * @typedef {import('./lib/admin.js').AdminTenant} Tenant
 * @typedef {import('./lib/context.js').Context} Context
 * @typedef {{
 *   port?: number,
 *   host?: string,
 *   config?: string | URL | object,
 *   quiet?: boolean,
 *   logRequests?: boolean,
 *   publicUrl?: string,
 *   privateKey?: import('jose').JWK,
 *   adminApi?: boolean,
 *   adminSecret?: string,
 * }} DevTenantOptions
 * @typedef {{ url: string, port: number, issuer: string, adminSecret: string,
 *   admin: ReturnType<typeof createAdminClient>, close: () => Promise<void> }} DevTenant
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);
const PORT_ATTEMPTS = 50;

/**
 * Starts the local Auth0 stand-in.
 * @example
 * const tenant = await startDevTenant({ port: 0, quiet: true });
 * // domain: tenant.url, clientId: 'auth0-permissions-demo', audience: 'https://reports.example.com'
 * await tenant.admin.setApi('https://reports.example.com', { rbac: false });
 * await tenant.close();
 * @param {DevTenantOptions} [options]
 * @returns {Promise<DevTenant>}
 */
export async function startDevTenant(options = {}) {
  const { port = 4400, host, config, quiet = false, logRequests = false } = options;
  const fixture = normalizeFixture(readFixtureSource(config));
  const keys = await createKeys(options.privateKey);
  const adminSecret = options.adminSecret || newAdminSecret();
  /** @type {Tenant} */
  const tenant = {
    fixture,
    initialFixture: structuredClone(fixture),
    keys,
    issuer: '',
    url: '',
    cookieName: '',
    state: new TenantState(),
    faults: new FaultStore(),
    log: new RequestLog(),
  };
  // Host names the operator chose (--host, --public-url) are accepted besides loopback.
  /** @type {string[]} */
  const hosts = [];
  if (host !== undefined && host !== '0.0.0.0' && host !== '::') hosts.push(host);
  if (options.publicUrl) hosts.push(new URL(options.publicUrl).hostname);
  const handler = (
    /** @type {import('node:http').IncomingMessage} */ req,
    /** @type {import('node:http').ServerResponse} */ res,
  ) => {
    handle(tenant, req, res, {
      quiet,
      logRequests,
      adminApi: options.adminApi !== false,
      admin: { secret: adminSecret, hosts },
    }).catch(() => res.destroy());
  };
  const { servers, port: actual } = await listen(handler, port, host);
  tenant.url = (options.publicUrl ?? `http://localhost:${actual}`).replace(/\/$/, '');
  tenant.issuer = `${tenant.url}/`;
  tenant.cookieName = `dev_tenant_session_${actual}`;
  if (host !== undefined && !LOOPBACK.has(host)) {
    console.warn(
      `[dev-tenant] WARNING: listening on ${host}. This is a development tool with a test-only admin API (${ADMIN_PREFIX}) that can change every user and token. Do not expose it.`,
    );
  }
  if (!quiet) console.log(`[dev-tenant] ${NOT_AUTH0_NOTICE} at ${tenant.url}`);
  return {
    url: tenant.url,
    port: actual,
    issuer: tenant.issuer,
    adminSecret,
    admin: createAdminClient(`http://${adminHost(host)}:${actual}`, adminSecret),
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}

/**
 * Listens on loopback (127.0.0.1 and ::1, so `localhost` works whichever a browser picks) or
 * on the given host, moving to the next port while one is busy.
 * @param {import('node:http').RequestListener} handler @param {number} port @param {string | undefined} host
 */
async function listen(handler, port, host) {
  const hosts = host === undefined || host === 'localhost' ? ['127.0.0.1', '::1'] : [host];
  let candidate = port;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    /** @type {import('node:http').Server[]} */
    const servers = [];
    let bound = candidate;
    let busy = false;
    for (const [i, address] of hosts.entries()) {
      const server = createServer(handler);
      const error = await tryListen(server, i === 0 ? candidate : bound, address);
      if (!error) {
        servers.push(server);
        if (i === 0) bound = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
        continue;
      }
      const ipv6Missing =
        address === '::1' && ['EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes(error.code ?? '');
      if (ipv6Missing) continue;
      if (error.code !== 'EADDRINUSE') {
        await Promise.all(servers.map(closeServer));
        throw error;
      }
      busy = true;
      break;
    }
    if (!busy) return { servers, port: bound };
    await Promise.all(servers.map(closeServer));
    candidate = port === 0 ? 0 : bound + 1;
  }
  throw new Error(`[dev-tenant] no free port from ${port} after ${PORT_ATTEMPTS} attempts`);
}

/** @param {import('node:http').Server} server @param {number} port @param {string} host @returns {Promise<NodeJS.ErrnoException | null>} */
function tryListen(server, port, host) {
  return new Promise((resolve) => {
    const onError = (/** @type {NodeJS.ErrnoException} */ error) => resolve(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(null);
    });
  });
}

/** Where this process reaches its own admin API. @param {string | undefined} host */
function adminHost(host) {
  if (host === undefined || host === 'localhost' || host === '0.0.0.0' || host === '::') {
    return 'localhost';
  }
  return host.includes(':') ? `[${host}]` : host;
}

/** @param {string} text */
function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, 'invalid_request', 'Malformed percent-encoding in the path');
  }
}

/** @param {import('node:http').Server} server @returns {Promise<void>} */
function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * One request: CORS, admin, fault injection, routing, logging, and errors as
 * `{ error, error_description }` (never a stack trace).
 * @param {Tenant} tenant
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ quiet: boolean, logRequests: boolean, adminApi: boolean,
 *   admin: { secret: string, hosts: string[] } }} options
 */
async function handle(tenant, req, res, options) {
  const started = Date.now();
  const method = req.method ?? 'GET';
  let url;
  try {
    url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
    decodeURIComponent(url.pathname);
  } catch {
    return sendError(res, new HttpError(400, 'invalid_request', 'Malformed request URL'));
  }
  const path = url.pathname;
  /** @type {Context | null} */
  let ctx = null;
  try {
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      if (!options.adminApi) throw new HttpError(404, 'not_found', 'The admin API is disabled');
      checkAdminRequest(req, options.admin);
      return await handleAdmin(tenant, req, res, url);
    }
    applyCors(req, res, (origin) =>
      tenant.fixture.applications.some((a) =>
        originAllowed([...a.webOrigins, ...a.callbacks], origin),
      ),
    );
    /** @type {Record<string, string>} */
    const params = {};
    for (const [key, value] of url.searchParams) if (!(key in params)) params[key] = value;
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
    ctx = { req, res, url, path, params, cookies: readCookies(req), origin, fault: null };
    const context = ctx;
    res.once('close', () => record(tenant, context, method, started, options));
    if (method === 'OPTIONS') {
      res.writeHead(204, { 'content-length': '0' });
      return res.end();
    }
    if (['POST', 'PUT', 'PATCH'].includes(method)) Object.assign(params, await readParams(req));
    ctx.fault = tenant.faults.take(method, path, params);
    const fault = ctx.fault;
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref());
    if (fault?.drop) return req.socket.destroy();
    if (fault?.status && !fault.oauthError) {
      return sendJson(res, fault.status, faultBody(fault), faultHeaders(fault));
    }
    await route(tenant, ctx, method, path);
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    if (error instanceof HttpError) {
      const headers = /** @type {{ headers?: Record<string, string> }} */ (error).headers ?? {};
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      return sendError(res, error);
    }
    if (!options.quiet) {
      console.error(
        `[dev-tenant] internal error on ${method} ${path}: ${/** @type {Error} */ (error)?.message}`,
      );
    }
    sendError(
      res,
      new HttpError(500, 'server_error', 'The dev tenant failed to handle this request'),
    );
  }
}

/**
 * @param {Tenant} tenant @param {Context} ctx @param {string} method @param {number} started
 * @param {{ quiet: boolean, logRequests: boolean }} options
 */
function record(tenant, ctx, method, started, options) {
  const status = ctx.res.headersSent ? ctx.res.statusCode : 0;
  const durationMs = Date.now() - started;
  tenant.log.add({
    time: new Date(started).toISOString(),
    method,
    path: ctx.path,
    params: ctx.params,
    status,
    durationMs,
    origin: ctx.origin,
    bearer: /^bearer /i.test(String(ctx.req.headers.authorization ?? '')),
    sessionCookie: Boolean(ctx.cookies[tenant.cookieName]),
    fault: ctx.fault?.id ?? null,
  });
  if (options.logRequests) {
    console.log(`[dev-tenant] ${method} ${ctx.path} ${status || 'dropped'} ${durationMs}ms`);
  }
}

/** @param {Tenant} tenant @param {Context} ctx @param {string} method @param {string} path */
async function route(tenant, ctx, method, path) {
  const get = method === 'GET' || method === 'HEAD';
  const post = method === 'POST';
  const allow = (/** @type {boolean} */ ok) => {
    if (!ok) throw new HttpError(405, 'invalid_request', `${method} is not allowed on ${path}`);
  };
  switch (path) {
    case '/':
      allow(get);
      return sendJson(ctx.res, 200, {
        notice: NOT_AUTH0_NOTICE,
        domain: tenant.url,
        openid_configuration: `${tenant.url}/.well-known/openid-configuration`,
      });
    case '/authorize':
      allow(get);
      return handleAuthorize(tenant, ctx);
    case '/u/login':
      allow(post);
      return handleLoginSubmit(tenant, ctx);
    case '/favicon.ico':
      ctx.res.writeHead(204);
      return ctx.res.end();
    case '/u/styles.css':
      allow(get);
      return handleStyles(ctx);
    case '/oauth/token':
      allow(post);
      return handleToken(tenant, ctx);
    case '/oauth/revoke':
      allow(post);
      return handleRevoke(tenant, ctx);
    case '/userinfo':
      allow(get || post);
      return handleUserinfo(tenant, ctx);
    case '/.well-known/jwks.json':
      allow(get);
      return handleJwks(tenant, ctx);
    case '/.well-known/openid-configuration':
      allow(get);
      return handleDiscovery(tenant, ctx);
    case '/v2/logout':
    case '/oidc/logout':
      allow(get);
      return handleLogout(tenant, ctx);
    case '/co/authenticate':
      allow(post);
      return handleCrossOriginAuthenticate(tenant, ctx);
    case '/dbconnections/signup':
      allow(post);
      return handleSignup(tenant, ctx);
    case '/dbconnections/change_password':
      allow(post);
      return handleChangePassword(tenant, ctx);
    default:
      break;
  }
  const client = /^\/client\/([^/]+)\.js$/.exec(path);
  if (client && get) return handleClientScript(tenant, ctx, decode(client[1] ?? ''));
  const language = /^\/js\/lock\/[^/]+\/([^/]+)\.js$/.exec(path);
  if (language && get) return handleLanguage(ctx, language[1] ?? '');
  const avatar = /^\/avatars\/([^/]+)\.svg$/.exec(path);
  if (avatar && get) return handleAvatar(ctx, decode(avatar[1] ?? ''));
  throw new HttpError(404, 'not_found', `Not found: ${path}`);
}
