import type { Finding } from '../types.js';

export type Severity = Finding['severity'];
export type Claims = Record<string, unknown>;

export const finding = (
  code: string,
  severity: Severity,
  message: string,
  fix: string,
  evidence: Record<string, unknown> = {},
): Finding => ({ code, severity, message, fix, evidence });

export const isObject = (value: unknown): value is Claims =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Keeps evidence readable on one console line: long strings and lists are cut. */
export function short(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 100 ? `${value.slice(0, 99)}…` : value;
  if (!Array.isArray(value)) return value;
  const head = value.slice(0, 10).map(short);
  return value.length > 10 ? [...head, `…${value.length - 10} more`] : head;
}

export const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

export const host = (url: string) => /^[a-z]+:\/\/([^/]+)/i.exec(url)?.[1];
