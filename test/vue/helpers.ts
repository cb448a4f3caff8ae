import { createPermissions } from '../../src/permissions.js';
import type { Permissions } from '../../src/types.js';
import { unsignedToken } from '../support/tokens.js';

/** An access token (unsigned: the browser never checks signatures) holding `permissions`. */
export const token = (permissions: string[]) => unsignedToken({ permissions });

/**
 * A real live instance over a getter the test controls: `grant([...])` answers the pending
 * request (or the next one) with a token holding those permissions, `grant(null)` as anonymous.
 */
export function controlled(): Permissions & { grant(permissions: string[] | null): Promise<void> } {
  let answer: ((value: string | null) => void) | undefined;
  let next: string | null | undefined;
  const instance = createPermissions({
    getAccessToken: () =>
      next !== undefined
        ? Promise.resolve(next)
        : new Promise<string | null>((resolve) => {
            answer = resolve;
          }),
  });
  return Object.assign(instance, {
    async grant(permissions: string[] | null) {
      next = permissions && token(permissions);
      answer?.(next);
      answer = undefined;
      await instance.refresh();
    },
  });
}
