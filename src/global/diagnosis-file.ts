import { Auth0PermissionsError } from '../errors.js';
import type { DiagnoseExpected, Finding } from '../types.js';

// Stands in for src/internal/diagnosis.ts (the seam) in the script-tag builds: the diagnosis code
// lives in auth0-permissions.diagnose.global.js, next to the main script, loaded on first use
// (a same-origin script, which `script-src 'self'` allows).
type Diagnosis = {
  diagnose(input: unknown, expected?: DiagnoseExpected): Finding[];
  warn(findings: Finding[], printed: string): string;
};
const page = globalThis as typeof globalThis & { Auth0PermissionsDiagnosis?: Diagnosis };
const FILE = 'auth0-permissions.diagnose.global.js';
const base =
  typeof document === 'undefined'
    ? undefined
    : ((document.currentScript as HTMLScriptElement | null)?.src ?? document.baseURI);
let loading: Promise<void> | undefined;

/** Loads the diagnosis script once. */
export function ready(): Promise<void> {
  loading ??= new Promise<void>((resolve, reject) => {
    if (page.Auth0PermissionsDiagnosis) return resolve();
    const script = document.createElement('script');
    script.src = new URL(FILE, base).href;
    script.onload = () => resolve();
    script.onerror = () => {
      loading = undefined;
      reject(new Error(`auth0-permissions: could not load ${script.src}`));
    };
    document.head.append(script);
  });
  return loading;
}

const loaded = (): Diagnosis => {
  if (page.Auth0PermissionsDiagnosis) return page.Auth0PermissionsDiagnosis;
  throw new Auth0PermissionsError(
    'ERR_INVALID_OPTIONS',
    `diagnose() needs ${FILE}: add its <script> after this one, or await instance.diagnose(), which loads it`,
  );
};

/** Synchronous once the diagnosis script is on the page. */
export function diagnose(input: unknown, expected?: DiagnoseExpected): Finding[] {
  return loaded().diagnose(input, expected);
}

export function warn(findings: Finding[], printed: string): string {
  return loaded().warn(findings, printed);
}
