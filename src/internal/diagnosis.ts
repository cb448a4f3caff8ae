// The diagnosis seam. The ESM build loads it with a dynamic import, so an app's bundler puts the
// diagnosis in a lazy chunk. The script-tag builds replace this file, by its path, with
// src/global/diagnosis-file.ts, which loads auth0-permissions.diagnose.global.js on first use
// (vite.config.ts). Whatever needs the diagnosis lazily loads THIS module, nothing else, through
// `loadDiagnosis()` (src/internal/lazy.ts).
import { diagnose } from '../diagnose/index.js';
import type { DiagnoseExpected, Finding } from '../types.js';

export { diagnose };

/** Resolves once `diagnose` and `warn` can be called (the script-tag build loads them). */
export const ready = (): Promise<void> => Promise.resolve();

/** Prints findings on the console unless the same codes were printed last; returns the codes. */
export function warn(findings: Finding[], printed: string): string {
  const codes = findings
    .filter((f) => f.severity !== 'info')
    .map((f) => f.code)
    .join();
  if (!codes || codes === printed) return printed;
  console.warn(
    `auth0-permissions: permissions are missing.\n${findings
      .map((f) => `- [${f.code}] ${f.message}\n  Fix: ${f.fix}`)
      .join('\n')}`,
  );
  return codes;
}

/** What both versions of this seam export. */
export interface DiagnosisModule {
  diagnose(input: unknown, expected?: DiagnoseExpected): Finding[];
  warn(findings: Finding[], printed: string): string;
  ready(): Promise<void>;
}
