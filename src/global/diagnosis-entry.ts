import { diagnose } from '../diagnose/index.js';
import { warn } from '../internal/diagnosis.js';

type Page = typeof globalThis & {
  Auth0PermissionsDiagnosis?: { diagnose: typeof diagnose; warn: typeof warn };
  Auth0Permissions?: { diagnose?: typeof diagnose };
};

// auth0-permissions.diagnose.global.js: the diagnosis code of the script-tag builds, in a file of
// its own so the main script stays small. The main script loads it on first use; add it as a
// tag to make `Auth0Permissions.diagnose()` available at once.
const page = globalThis as Page;
page.Auth0PermissionsDiagnosis = { diagnose, warn };
if (page.Auth0Permissions) page.Auth0Permissions.diagnose = diagnose;
