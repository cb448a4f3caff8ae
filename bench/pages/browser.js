// Headless Chromium for the benchmarks (Debian's /usr/bin/chromium through playwright-core).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, launchBrowser } from '../../test/browser/chromium.js';

/** Launches headless Chromium; throws with the fix when it is not installed. */
export const launchChromium = launchBrowser;

export const chromiumPath = () => {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
};

/** `Chromium 156.0.…` or undefined. */
export function chromiumVersion() {
  const path = chromiumPath();
  if (!path) return undefined;
  try {
    return execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .find((line) => /chrom/i.test(line))
      ?.trim();
  } catch {
    return undefined;
  }
}
