// The one way this repository starts Chromium: browser tests, benchmarks and screenshots.
// Debian's chromium through playwright-core: Playwright's own browser download does not work on
// these machines (../shared/AUTH0-FACTS.md).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The exact fix printed when no browser is found. */
export const NO_CHROMIUM =
  'No Chromium found: run `apt-get install -y chromium` or set CHROMIUM_PATH';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const safe = (read) => {
  try {
    return read();
  } catch {
    return undefined;
  }
};

/**
 * The Chromium to drive: `CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, or one Playwright
 * installed. Throws {@link NO_CHROMIUM} when there is none: a browser test never skips silently.
 * @returns {string}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${NO_CHROMIUM}`);
    return fromEnv;
  }
  for (const candidate of ['/usr/bin/chromium', safe(() => chromium.executablePath())])
    if (candidate && existsSync(candidate)) return candidate;
  throw new Error(NO_CHROMIUM);
}

/**
 * Headless Chromium through playwright-core.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchBrowser() {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}
