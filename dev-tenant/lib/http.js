// @ts-check
/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

const BODY_LIMIT = 64 * 1024;

/** An Auth0-style error: `{ error, error_description }` with an HTTP status. */
export class HttpError extends Error {
  /** @param {number} status @param {string} error @param {string} description */
  constructor(status, error, description) {
    super(description);
    this.name = 'HttpError';
    this.status = status;
    this.error = error;
    this.description = description;
  }
}

/**
 * The decoded path of a request (`/a b` for `/a%20b`), or null when its URL or percent-encoding
 * is malformed (`//%%%`, `/%`): the caller answers 400. The repository's servers use it so that
 * no request line can throw inside a handler (issue 17.2).
 * @param {{ url?: string | undefined }} req
 * @returns {string | null}
 */
export function requestPath(req) {
  try {
    return decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return null;
  }
}

/** @param {Request} req @returns {Promise<string>} */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new HttpError(413, 'invalid_request', 'Request body too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => reject(new HttpError(400, 'invalid_request', 'Request aborted')));
  });
}

/**
 * A request body as flat string parameters, from JSON or form encoding.
 * @param {Request} req
 * @returns {Promise<Record<string, string>>}
 */
export async function readParams(req) {
  const text = await readBody(req);
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (text.trim() === '') return {};
  if (type.includes('json') || (!type.includes('form') && /^\s*\{/.test(text))) {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid_request', 'The request body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new HttpError(400, 'invalid_request', 'The request body must be a JSON object');
    }
    /** @type {Record<string, string>} */
    const out = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (value === null || value === undefined) continue;
      out[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    return out;
  }
  /** @type {Record<string, string>} */
  const out = {};
  for (const [key, value] of new URLSearchParams(text)) if (!(key in out)) out[key] = value;
  return out;
}

/** A JSON admin request body (any JSON value). @param {Request} req */
export async function readJson(req) {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_request', 'The request body is not valid JSON');
  }
}

/** @param {Response} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** @param {Response} res @param {number} status @param {string} html @param {Record<string, string>} [headers] */
export function sendHtml(res, status, html, headers = {}) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
    ...headers,
  });
  res.end(html);
}

/** @param {Response} res @param {number} status @param {string} body @param {string} type */
export function sendText(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** @param {Response} res @param {string} location @param {Record<string, string | string[]>} [headers] */
export function redirect(res, location, headers = {}) {
  res.writeHead(302, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}

/** @param {Response} res @param {HttpError | { status: number, error: string, description: string }} e */
export function sendError(res, e) {
  sendJson(res, e.status, { error: e.error, error_description: e.description });
}

/**
 * CORS as Auth0 does it for SDK calls: reflect an allowed Origin, with credentials.
 * @param {Request} req @param {Response} res @param {(origin: string) => boolean} allowed
 */
export function applyCors(req, res, allowed) {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !allowed(origin)) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('access-control-allow-headers', 'content-type, auth0-client, authorization');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'access-control-expose-headers',
    'retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset',
  );
  res.setHeader('access-control-max-age', '600');
  res.setHeader('vary', 'Origin');
}

/** @param {Request} req @returns {Record<string, string>} */
export function readCookies(req) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    try {
      out[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // a malformed cookie is ignored, as a browser would
    }
  }
  return out;
}

/** @param {string} name @param {string} value @param {{ maxAge?: number }} [options] */
export function cookie(name, value, options = {}) {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  return parts.join('; ');
}

/** @param {string} text */
export function escapeHtml(text) {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** JSON that is safe inside an inline `<script>`. @param {unknown} value */
export function scriptJson(value) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
