// @ts-check
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ADMIN_SECRET_HEADER } from './admin-client.js';
import { HttpError } from './http.js';

/**
 * Who may drive the admin API. Loopback binding does not stop a browser: any page the developer
 * visits can POST to http://127.0.0.1:PORT (a `text/plain` form needs no preflight). So every
 * admin call must carry the per-process secret (a header a form cannot set), writes must be
 * JSON, `Host` must be loopback (DNS rebinding), and a cross-site `Origin` or
 * `Sec-Fetch-Site` is refused. demo/serve.js applies the same checks, minus the secret, to its
 * same-origin proxy.
 */

export { ADMIN_SECRET_HEADER };

/** A fresh per-process secret. @returns {string} */
export function newAdminSecret() {
  return randomBytes(24).toString('base64url');
}

/**
 * The host name of a `Host` header (`[::1]:4400` → `::1`), lower-cased, or null.
 * @param {string | undefined} host
 */
function hostName(host) {
  if (typeof host !== 'string' || host === '') return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return (bracketed[1] ?? '').toLowerCase();
  const plain = /^([^:]+)(?::\d+)?$/.exec(host);
  return plain ? (plain[1] ?? '').toLowerCase() : null;
}

/**
 * True for `localhost`, `127.x.y.z` and `[::1]` (with any port), or a host the operator chose.
 * @param {string | undefined} host the `Host` header
 * @param {string[]} [extra] other host names to accept (e.g. the `--host` the server listens on)
 */
export function isLoopbackHost(host, extra = []) {
  const name = hostName(host);
  if (name === null) return false;
  if (name === 'localhost' || name === '::1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return true;
  return extra.map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')).includes(name);
}

/**
 * Refuses what a page on another site could send: a wrong `Host`, a cross-site `Origin` or
 * `Sec-Fetch-Site`, and writes that are not `application/json` (a form cannot send JSON).
 * @param {import('node:http').IncomingMessage} req
 * @param {{ hosts?: string[] }} [options]
 */
export function refuseCrossSite(req, options = {}) {
  const host = req.headers.host;
  if (!isLoopbackHost(host, options.hosts)) {
    throw new HttpError(403, 'access_denied', 'The admin API answers only on a loopback Host');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    throw new HttpError(403, 'access_denied', 'The admin API refuses cross-origin requests');
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new HttpError(403, 'access_denied', 'The admin API refuses cross-site requests');
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return;
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(
      415,
      'invalid_request',
      'Admin writes must be Content-Type: application/json',
    );
  }
}

/**
 * All admin checks: {@link refuseCrossSite}, then the secret header.
 * @param {import('node:http').IncomingMessage} req
 * @param {{ secret: string, hosts?: string[] }} options
 */
export function checkAdminRequest(req, options) {
  refuseCrossSite(req, options.hosts ? { hosts: options.hosts } : {});
  const given = Buffer.from(String(req.headers[ADMIN_SECRET_HEADER] ?? ''));
  const expected = Buffer.from(options.secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(
      401,
      'unauthorized',
      `The admin API needs the ${ADMIN_SECRET_HEADER} header (the secret printed at start, or tenant.adminSecret)`,
    );
  }
}
