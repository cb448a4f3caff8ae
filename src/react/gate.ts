import { parsePermissionExpression } from '../expression.js';
import type { PermissionsSnapshot } from '../types.js';

/** Where an expression stands: `invalid` grants nothing and is reported once on the console. */
export type Gate = 'pending' | 'granted' | 'denied' | 'invalid';

const reported = new Set<string>();

/**
 * Where `expression` stands for `snapshot`: `pending` while loading, `granted` only while signed
 * in with the expression holding. A bad expression is `invalid`, reported once on the console
 * instead of being thrown into a render.
 */
export function gate(snapshot: PermissionsSnapshot, expression: string): Gate {
  let test: (granted: ReadonlySet<string>) => boolean;
  try {
    // Parsed once per text (the parser caches), so calling this on every render is a lookup.
    ({ test } = parsePermissionExpression(expression));
  } catch (error) {
    if (!reported.has(expression)) {
      reported.add(expression);
      console.error(
        `auth0-permissions: "${expression}" grants nothing: ${(error as Error).message}`,
      );
    }
    return 'invalid';
  }
  if (snapshot.state === 'loading') return 'pending';
  return snapshot.state === 'authenticated' && test(snapshot.permissions) ? 'granted' : 'denied';
}
