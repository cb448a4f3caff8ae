import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The Chromium files, longest first (measured with `npm run test:browser`). The browser project
 * runs two files at a time, and vitest's own order only knows durations from an earlier run on
 * the same machine (a fresh checkout, as in CI, sorts by file size: the fault matrix, two short
 * files, would start last and run alone). Longest first keeps both workers busy to the end.
 * demo.test.ts and react-demo.test.ts start the same Vite server (demo/serve.js) and so share its
 * dependency cache: they sit far apart, so one has optimized it long before the other starts.
 * A file missing here runs after these, in vitest's order.
 */
export const BROWSER_ORDER = [
  'faults-spa.test.ts',
  'faults-lock.test.ts',
  'demo.test.ts',
  'spa.test.ts',
  'tabs.test.ts',
  'lock.test.ts',
  'security.test.ts',
  'vue.test.ts',
  'react.test.ts',
  'dom-hardening.test.ts',
  'dom-first-paint.test.ts',
  'dom-script-tag.test.ts',
  'dom-csp.test.ts',
  'react-demo.test.ts',
].map((file) => `/test/browser/${file}`);

/** vitest's order, with the files of the `browser` project in {@link BROWSER_ORDER}. */
export class Sequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const path = spec.moduleId.replaceAll('\\', '/');
      const index = BROWSER_ORDER.findIndex((file) => path.endsWith(file));
      return index === -1 ? BROWSER_ORDER.length : index;
    };
    const isBrowser = (spec: TestSpecification) => spec.project.name === 'browser';
    // Array.prototype.sort is stable: files with the same rank keep vitest's order.
    const browser = sorted.filter(isBrowser).sort((a, b) => rank(a) - rank(b));
    return sorted.map((spec) => (isBrowser(spec) ? browser.shift()! : spec));
  }
}
