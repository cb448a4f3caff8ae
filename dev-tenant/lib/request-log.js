// @ts-check
/** Parameters whose values are secrets: only their presence is logged. */
const SECRET = new Set([
  'code',
  'code_verifier',
  'password',
  'refresh_token',
  'access_token',
  'id_token',
  'login_ticket',
  'client_secret',
  'client_assertion',
  'co_verifier',
  'token',
  'otp',
  'subject_token',
]);

/** At most this many entries… */
const CAP = 2000;
/** …and about this many bytes (JSON) in all: a count alone let 2,000 large posts hold ~1 GB. */
export const LOG_BYTE_CAP = 4 * 1024 * 1024;
/** What one entry keeps of a request: longer values, keys and paths are cut, extra params dropped. */
const MAX_VALUE = 200;
const MAX_KEY = 100;
const MAX_PARAMS = 50;
const MAX_PATH = 1000;

/**
 * @typedef {{ id: number, time: string, method: string, path: string,
 *   params: Record<string, string>, status: number, durationMs: number, origin: string | null,
 *   bearer: boolean, sessionCookie: boolean, fault: string | null }} LogEntry
 */

/** The request log the admin API serves. Values of secret parameters are never kept. */
export class RequestLog {
  constructor() {
    /** @type {LogEntry[]} */
    this.entries = [];
    /** @type {number[]} the JSON size of each entry, in step with `entries` */
    this.sizes = [];
    this.bytes = 0;
    this.sequence = 0;
  }

  /** @param {Omit<LogEntry, 'id' | 'params'> & { params: Record<string, string> }} entry */
  add(entry) {
    const kept = {
      ...entry,
      id: ++this.sequence,
      path: cut(entry.path, MAX_PATH),
      origin: entry.origin === null ? null : cut(entry.origin, MAX_VALUE),
      params: redact(entry.params),
    };
    const size = JSON.stringify(kept).length;
    this.entries.push(kept);
    this.sizes.push(size);
    this.bytes += size;
    let drop = 0;
    while (
      this.entries.length - drop > 1 &&
      (this.entries.length - drop > CAP || this.bytes > LOG_BYTE_CAP)
    ) {
      this.bytes -= this.sizes[drop] ?? 0;
      drop += 1;
    }
    if (drop > 0) {
      this.entries.splice(0, drop);
      this.sizes.splice(0, drop);
    }
  }

  list() {
    return this.entries.map((e) => ({ ...e, params: { ...e.params } }));
  }

  clear() {
    this.entries = [];
    this.sizes = [];
    this.bytes = 0;
  }
}

/** @param {string} text @param {number} max */
function cut(text, max) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Secret values replaced, long keys and values cut, parameters past the first 50 dropped (the
 * key `…` then says how many).
 * @param {Record<string, string>} params
 */
export function redact(params) {
  /** @type {Record<string, string>} */
  const out = {};
  const entries = Object.entries(params);
  for (const [key, value] of entries.slice(0, MAX_PARAMS)) {
    out[cut(key, MAX_KEY)] = SECRET.has(key) ? '[redacted]' : cut(value, MAX_VALUE);
  }
  if (entries.length > MAX_PARAMS) out['…'] = `${entries.length - MAX_PARAMS} more`;
  return out;
}
