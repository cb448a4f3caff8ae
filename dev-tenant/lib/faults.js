// @ts-check
import { HttpError } from './http.js';

/** Ways an issued access token can be spoiled. */
export const TOKEN_FAULTS = /** @type {const} */ ([
  'expired',
  'not-yet-valid',
  'bad-signature',
  'no-permissions',
  'permissions-not-array',
  'oversized',
  'wrong-audience',
  'wrong-issuer',
  'opaque',
  'malformed',
]);

const FIELDS = new Set([
  'path',
  'method',
  'params',
  'status',
  'retryAfter',
  'delayMs',
  'oauthError',
  'token',
  'times',
  'drop',
  'body',
]);

/**
 * @typedef {{ id: string, path: string, method: string | null, params: Record<string, string>,
 *   status: number | null, retryAfter: number | null, delayMs: number,
 *   oauthError: { error: string, error_description: string } | null,
 *   token: (typeof TOKEN_FAULTS)[number] | null, times: number | null, drop: boolean,
 *   body: unknown, hits: number }} Fault
 */

/** The faults injected through the admin API, matched per request in order of creation. */
export class FaultStore {
  constructor() {
    /** @type {Fault[]} */
    this.faults = [];
    this.sequence = 0;
  }

  /** @param {any} spec @returns {Fault} */
  add(spec) {
    const fault = validate(spec, `fault_${++this.sequence}`);
    this.faults.push(fault);
    return fault;
  }

  list() {
    return this.faults.map((f) => ({ ...f }));
  }

  /** @param {string} id */
  remove(id) {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear() {
    this.faults = [];
  }

  /**
   * The first fault for this request, counting it as used.
   * @param {string} method @param {string} path @param {Record<string, string>} params
   * @returns {Fault | null}
   */
  take(method, path, params) {
    const fault = this.faults.find(
      (f) =>
        pathMatches(f.path, path) &&
        (f.method === null || f.method === method) &&
        Object.entries(f.params).every(([key, value]) => params[key] === value),
    );
    if (!fault) return null;
    fault.hits += 1;
    if (fault.times !== null) {
      fault.times -= 1;
      if (fault.times <= 0) this.remove(fault.id);
    }
    return { ...fault };
  }
}

/**
 * Glob match where `*` matches any run (including `/`), in linear time: no regular expression,
 * so `/*a*a*a*…*!` against a long path cannot backtrack for seconds (issue 17.10). The
 * pieces between stars are found left to right; taking the leftmost place of each is always
 * right for `*`-only globs.
 * @param {string} pattern @param {string} path
 */
export function pathMatches(pattern, path) {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === path;
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  const end = path.length - last.length;
  if (end < first.length || !path.startsWith(first) || !path.endsWith(last)) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === '') continue;
    const found = path.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** @param {any} spec @param {string} id @returns {Fault} */
function validate(spec, id) {
  const bad = (/** @type {string} */ why) => new HttpError(400, 'invalid_request', `fault: ${why}`);
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw bad('expected a JSON object');
  }
  for (const key of Object.keys(spec)) if (!FIELDS.has(key)) throw bad(`unknown field "${key}"`);
  if (typeof spec.path !== 'string' || !spec.path.startsWith('/')) {
    throw bad('"path" must be a path such as "/oauth/token" ("*" matches any run)');
  }
  if (spec.path.startsWith('/__admin')) throw bad('the admin API cannot be faulted');
  const int = (
    /** @type {string} */ name,
    /** @type {number} */ min,
    /** @type {number} */ max,
  ) => {
    const value = spec[name];
    if (value === undefined || value === null) return null;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw bad(`"${name}" must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
  const status = int('status', 200, 599);
  const oauthError = spec.oauthError ?? null;
  if (
    oauthError !== null &&
    (typeof oauthError !== 'object' ||
      typeof oauthError.error !== 'string' ||
      (oauthError.error_description !== undefined &&
        typeof oauthError.error_description !== 'string'))
  ) {
    throw bad('"oauthError" must be { error, error_description? }');
  }
  const token = spec.token ?? null;
  if (token !== null && !TOKEN_FAULTS.includes(token)) {
    throw bad(`"token" must be one of ${TOKEN_FAULTS.join(', ')}`);
  }
  const params = spec.params ?? {};
  if (
    typeof params !== 'object' ||
    params === null ||
    Object.values(params).some((v) => typeof v !== 'string')
  ) {
    throw bad('"params" must map parameter names to string values');
  }
  if (spec.method !== undefined && typeof spec.method !== 'string') {
    throw bad('"method" must be a string');
  }
  const fault = {
    id,
    path: spec.path,
    method: typeof spec.method === 'string' ? spec.method.toUpperCase() : null,
    params,
    status,
    retryAfter: int('retryAfter', 0, 86400),
    delayMs: int('delayMs', 0, 120_000) ?? 0,
    oauthError: oauthError && {
      error: oauthError.error,
      error_description: oauthError.error_description ?? oauthError.error,
    },
    token,
    times: int('times', 1, 1_000_000),
    drop: spec.drop === true,
    body: spec.body ?? null,
    hits: 0,
  };
  if (!fault.drop && !fault.status && !fault.oauthError && !fault.token && !fault.delayMs) {
    throw bad('give at least one of status, oauthError, token, delayMs, drop');
  }
  return fault;
}

/** The body Auth0 sends with an injected status. @param {Fault} fault */
export function faultBody(fault) {
  if (fault.body !== null) return fault.body;
  const status = fault.status ?? 500;
  if (status === 429) {
    return { error: 'too_many_requests', error_description: 'Global limit has been reached' };
  }
  if (status >= 500) {
    return { error: 'server_error', error_description: 'Internal server error (injected fault)' };
  }
  if (status === 401) return { error: 'access_denied', error_description: 'Unauthorized' };
  if (status === 403) return { error: 'access_denied', error_description: 'Forbidden' };
  return { error: 'invalid_request', error_description: `Injected fault (HTTP ${status})` };
}

/** Headers that go with an injected status. @param {Fault} fault @returns {Record<string, string>} */
export function faultHeaders(fault) {
  if (fault.status !== 429 && fault.retryAfter === null) return {};
  const retryAfter = fault.retryAfter ?? 1;
  return {
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '10',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + retryAfter),
  };
}
