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

const CAP = 2000;

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
    this.sequence = 0;
  }

  /** @param {Omit<LogEntry, 'id' | 'params'> & { params: Record<string, string> }} entry */
  add(entry) {
    this.entries.push({ ...entry, id: ++this.sequence, params: redact(entry.params) });
    if (this.entries.length > CAP) this.entries.splice(0, this.entries.length - CAP);
  }

  list() {
    return this.entries.map((e) => ({ ...e, params: { ...e.params } }));
  }

  clear() {
    this.entries = [];
  }
}

/** @param {Record<string, string>} params */
export function redact(params) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [key, value] of Object.entries(params)) {
    if (SECRET.has(key)) out[key] = '[redacted]';
    else out[key] = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
  return out;
}
