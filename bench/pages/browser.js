// Headless Chromium for the benchmarks (Debian's /usr/bin/chromium through playwright-core).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPath = () =>
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

/** Launches headless Chromium; throws with a hint when it is not installed. */
export async function launchChromium() {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return chromium.launch({ executablePath, args: FLAGS, headless: true });
}

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
