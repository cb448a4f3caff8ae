import { toAuth0PermissionsError } from '../internal/oauth-error.js';

// Stands in for src/internal/classify.ts (the classifier seam) in the script-tag builds, which
// bundle the adapters and so the classifier: no lazy chunk, no module wrappers around it.
export const classify = (caught: unknown) => toAuth0PermissionsError(caught);
