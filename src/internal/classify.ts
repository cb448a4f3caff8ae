import { Auth0PermissionsError } from '../errors.js';

// The classifier seam of the live instance (src/permissions.ts). The ESM build loads the
// classifier (src/internal/oauth-error.ts) on the first error only: the adapters, which classify
// their SDK's errors themselves, hand over errors of this library, and a custom getter's first
// load needs no classifier. The script-tag builds, which bundle the adapters and so the
// classifier anyway, replace this file by its path with src/global/classify-now.ts
// (vite.config.ts).

/**
 * The stable code of a token getter's error. If the classifier cannot load (offline, a deploy
 * removed the chunk), the error still fails closed, as `TOKEN_REQUEST_FAILED`.
 */
export const classify = (
  caught: unknown,
): Promise<Auth0PermissionsError> | Auth0PermissionsError =>
  caught instanceof Auth0PermissionsError
    ? caught
    : import('./oauth-error.js').then(
        (classifier) => classifier.toAuth0PermissionsError(caught),
        () =>
          new Auth0PermissionsError('TOKEN_REQUEST_FAILED', `TOKEN_REQUEST_FAILED: ${caught}`, {
            cause: caught,
          }),
      );
