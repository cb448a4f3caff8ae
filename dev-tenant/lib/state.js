// @ts-check
import { randomBytes } from 'node:crypto';

/**
 * A Map with a time-to-live per entry and a size cap, so a long-running stand-in never grows
 * without bound.
 * @template T
 */
export class ExpiringStore {
  /** @param {number} ttlMs @param {number} [cap] */
  constructor(ttlMs, cap = 5000) {
    this.ttlMs = ttlMs;
    this.cap = cap;
    /** @type {Map<string, { value: T, expiresAt: number }>} */
    this.map = new Map();
  }

  /** @param {string} key @param {T} value */
  set(key, value) {
    const now = Date.now();
    if (this.map.size >= this.cap) {
      for (const [k, entry] of this.map) if (entry.expiresAt <= now) this.map.delete(k);
      while (this.map.size >= this.cap) {
        const oldest = this.map.keys().next().value;
        if (oldest === undefined) break;
        this.map.delete(oldest);
      }
    }
    this.map.set(key, { value, expiresAt: now + this.ttlMs });
  }

  /** @param {string} key @returns {T | undefined} */
  get(key) {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.map.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Reads and removes: single-use values. @param {string} key */
  take(key) {
    const value = this.get(key);
    this.map.delete(key);
    return value;
  }

  /** @param {string} key */
  delete(key) {
    this.map.delete(key);
  }

  clear() {
    this.map.clear();
  }
}

/** @param {number} [bytes] */
export function randomId(bytes = 24) {
  return randomBytes(bytes).toString('base64url');
}

/**
 * @typedef {{ email: string, authTime: number }} Session
 * @typedef {{ clientId: string, redirectUri: string, codeChallenge: string | null,
 *   codeChallengeMethod: string | null, email: string, audience: string | null, scope: string,
 *   requestedScope: string, nonce: string | null, orgId: string | null, sid: string, maxAge: string | null,
 *   authTime: number, tokenFault: string | null }} CodeGrant
 * @typedef {{ clientId: string, email: string, audience: string | null, scope: string,
 *   orgId: string | null, sid: string, revoked: boolean, current: string }} RefreshFamily
 * @typedef {{ email: string, clientId: string }} LoginTicket
 */

/** Everything a login leaves behind: sessions, codes, tickets, refresh-token families. */
export class TenantState {
  constructor() {
    /** @type {ExpiringStore<Session>} */
    this.sessions = new ExpiringStore(24 * 3600_000);
    /** @type {ExpiringStore<CodeGrant>} */
    this.codes = new ExpiringStore(10 * 60_000);
    /** @type {ExpiringStore<LoginTicket>} */
    this.tickets = new ExpiringStore(5 * 60_000);
    /** @type {ExpiringStore<{ params: Record<string, string>, tokenFault: string | null }>} pending logins */
    this.transactions = new ExpiringStore(30 * 60_000);
    /** @type {ExpiringStore<RefreshFamily>} */
    this.families = new ExpiringStore(30 * 24 * 3600_000);
    /** @type {ExpiringStore<string>} refresh token -> family id */
    this.refreshTokens = new ExpiringStore(30 * 24 * 3600_000, 20_000);
    /** @type {Set<string>} `email|clientId|audience` the user agreed to */
    this.consents = new Set();
  }

  clear() {
    this.sessions.clear();
    this.codes.clear();
    this.tickets.clear();
    this.transactions.clear();
    this.families.clear();
    this.refreshTokens.clear();
    this.consents.clear();
  }

  /**
   * Starts a refresh-token family and returns its first token.
   * @param {Omit<RefreshFamily, 'revoked' | 'current'>} grant
   */
  startFamily(grant) {
    const familyId = randomId(12);
    const token = `v1.${randomId(32)}`;
    this.families.set(familyId, { ...grant, revoked: false, current: token });
    this.refreshTokens.set(token, familyId);
    return token;
  }

  /** Revokes the family of a refresh token (unknown tokens are ignored, as RFC 7009 asks). */
  revoke(/** @type {string} */ token) {
    const familyId = this.refreshTokens.get(token);
    const family = familyId ? this.families.get(familyId) : undefined;
    if (family) family.revoked = true;
  }

  /**
   * Rotates a refresh token. A token that was already rotated away revokes its whole family.
   * @param {string} token
   * @returns {{ family: RefreshFamily, next: string } | null}
   */
  rotate(token) {
    const familyId = this.refreshTokens.get(token);
    if (!familyId) return null;
    const family = this.families.get(familyId);
    if (!family || family.revoked) return null;
    if (family.current !== token) {
      family.revoked = true;
      return null;
    }
    const next = `v1.${randomId(32)}`;
    family.current = next;
    this.refreshTokens.set(next, familyId);
    return { family, next };
  }
}
