import { Auth0PermissionsError } from '../errors.js';
import type { DiagnosisModule } from './diagnosis.js';

// What the live instance (src/permissions.ts, src/sources/live.ts) loads on first use. The ESM
// build imports each with a dynamic import, so an app's bundler puts it in a lazy chunk. The
// script-tag builds, which bundle the adapters and so the classifier anyway, replace this file
// by its path with src/global/eager.ts (vite.config.ts): no lazy chunk, no module wrappers.

/**
 * The stable code of a token getter's error. The classifier (src/internal/oauth-error.ts) loads
 * on the first error only: the adapters, which classify their SDK's errors themselves, hand over
 * errors of this library, and a custom getter's first load needs no classifier. If it cannot
 * load (offline, a deploy removed the chunk), the error still fails closed, as
 * `TOKEN_REQUEST_FAILED`.
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

/** The diagnosis (src/internal/diagnosis.ts, the diagnosis seam), ready to call. */
export const loadDiagnosis = (): Promise<DiagnosisModule> =>
  import('./diagnosis.js').then(async (diagnosis) => {
    await diagnosis.ready();
    return diagnosis;
  });
