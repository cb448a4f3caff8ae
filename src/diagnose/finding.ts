import type { PlainObject } from '../internal/object.js';
import type { Finding } from '../types.js';
import { MALFORMED_FIX } from './messages.js';

export type Severity = Finding['severity'];
export type Claims = PlainObject;

/** A finding, its evidence `{}` when it has none. */
export const finding = ({
  evidence = {},
  ...rest
}: Omit<Finding, 'evidence'> & { evidence?: Finding['evidence'] }): Finding => ({
  ...rest,
  evidence,
});

/** Not a token, or a token no API accepts (its `exp` is no number): "This is not a token: `reason`." */
export const malformed = (reason: string, evidence?: Finding['evidence']) =>
  finding({
    code: 'MALFORMED_TOKEN',
    severity: 'error',
    message: `This is not a token: ${reason}.`,
    fix: MALFORMED_FIX,
    evidence: { reason, ...evidence },
  });

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Keeps evidence readable on one console line: long strings and lists are cut, nesting too. */
export function short(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > 100 ? `${value.slice(0, 99)}…` : value;
  if (!Array.isArray(value)) return value;
  if (depth > 2) return `[…${value.length}]`;
  const head = value.slice(0, 10).map((item) => short(item, depth + 1));
  return value.length > 10 ? [...head, `…${value.length - 10} more`] : head;
}

/**
 * A NumericDate as ISO 8601, or the number itself where no `Date` reaches (beyond ±8.64e12 s,
 * the years -271821 and 275760): `toJSON()` gives null there, where `toISOString()` throws.
 * jose and the browser instance still compare such a time.
 */
export const iso = (seconds: number) => new Date(seconds * 1000).toJSON() ?? seconds;

export const host = (url: string) => /^[a-z]+:\/\/([^/]+)/i.exec(url)?.[1];
