import * as diagnosis from '../internal/diagnosis.js';
import { toAuth0PermissionsError } from '../internal/oauth-error.js';

// Stands in for src/internal/lazy.ts in the script-tag builds, which bundle the adapters and so
// the classifier: static imports, so the bundle carries no lazy-module wrappers. The diagnosis
// seam itself (src/internal/diagnosis.ts) is swapped too, for the version that loads
// auth0-permissions.diagnose.global.js on first use.
export const classify = (caught: unknown) => toAuth0PermissionsError(caught);

export const loadDiagnosis = () => diagnosis.ready().then(() => diagnosis);
