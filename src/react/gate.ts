import { reportBadExpression } from '../bindings/report-expression.js';
import { parsePermissionExpression } from '../expression.js';
import type { PermissionsSnapshot } from '../types.js';

/**
 * Where an expression stands: {@link GRANTED} (0, the only falsy one), {@link PENDING},
 * {@link DENIED}, or {@link INVALID} (grants nothing, reported once on the console).
 */
export type Gate = 0 | 1 | 2 | 3;
export const GRANTED = 0;
export const PENDING = 1;
export const DENIED = 2;
export const INVALID = 3;

const reported = new Set<string>();

/**
 * Where `expression` stands for `snapshot`: pending while loading, granted only while signed in
 * with the expression holding. A bad expression is invalid, reported once on the console instead
 * of being thrown into a render.
 */
export function gate({ state, permissions }: PermissionsSnapshot, expression: string): Gate {
  try {
    // Parsed once per text (the parser caches), so calling this on every render is a lookup.
    const { test } = parsePermissionExpression(expression);
    return state === 'loading'
      ? PENDING
      : state === 'authenticated' && test(permissions)
        ? GRANTED
        : DENIED;
  } catch (error) {
    reportBadExpression(reported, expression, error);
    return INVALID;
  }
}
