import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveDomPages } from './dom-helpers.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveDomPages>>;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), serveDomPages()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Frame {
  t: number;
  shown: string[];
}

/** Loads `path` and returns what was rendered in each frame for about a second. */
async function framesOf(path: string): Promise<Frame[]> {
  const page: Page = await browser.newPage();
  try {
    await page.goto(`${server.url}/${path}`);
    await page.waitForFunction(
      () => (window as unknown as { probeFrames: Frame[] }).probeFrames.at(-1)!.t > 900,
    );
    return await page.evaluate(() => (window as unknown as { probeFrames: Frame[] }).probeFrames);
  } finally {
    await page.close();
  }
}

const everShown = (frames: Frame[], id: string) => frames.some((frame) => frame.shown.includes(id));

describe('fail closed from the first paint (Chromium)', () => {
  it('the probe sees gated content when the library is absent (control)', async () => {
    const frames = await framesOf('first-paint-control.html');
    expect(frames[0]!.shown).toEqual(expect.arrayContaining(['secret', 'forced', 'public']));
  });

  it('never paints content the user lacks, in any frame, despite author display:flex', async () => {
    const frames = await framesOf('first-paint.html?perms=read:reports&delay=300');
    expect(frames.length).toBeGreaterThan(20);
    expect(everShown(frames, 'secret')).toBe(false);
    expect(everShown(frames, 'forced')).toBe(false);
    expect(everShown(frames, 'guests')).toBe(false);
    expect(everShown(frames, 'public')).toBe(true);
    const members = frames.findIndex((frame) => frame.shown.includes('members'));
    expect(frames[members]!.t).toBeGreaterThanOrEqual(250);
  });

  it('paints nothing gated while loading, then shows what the user holds', async () => {
    const frames = await framesOf('first-paint.html?perms=read:reports,delete:reports&delay=300');
    const first = frames.findIndex((frame) => frame.shown.includes('secret'));
    expect(first).toBeGreaterThan(0);
    expect(frames[first]!.t).toBeGreaterThanOrEqual(250);
    expect(frames.slice(0, first).every((frame) => !frame.shown.includes('members'))).toBe(true);
    expect(frames.at(-1)!.shown).toEqual(expect.arrayContaining(['secret', 'forced', 'members']));
  });

  it('shows data-anonymous content only once anonymity is known', async () => {
    const frames = await framesOf('first-paint.html?delay=300');
    const first = frames.findIndex((frame) => frame.shown.includes('guests'));
    expect(frames[first]!.t).toBeGreaterThanOrEqual(250);
    expect(everShown(frames, 'members')).toBe(false);
    expect(everShown(frames, 'secret')).toBe(false);
  });

  it('gates elements inserted later before they paint', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/inserted.html?perms=read:reports`);
      await page.waitForFunction(
        () => (window as unknown as { insertedDone?: boolean }).insertedDone,
      );
      await page.waitForTimeout(100);
      const frames = await page.evaluate(
        () => (window as unknown as { probeFrames: Frame[] }).probeFrames,
      );
      const counts = await page.evaluate(() => ({
        denied: document.querySelectorAll('[id^="denied-"]').length,
        allowed: document.querySelectorAll('[id^="allowed-"]').length,
        allowedShown: [...document.querySelectorAll('[id^="allowed-"]')].filter(
          (element) => element.getClientRects().length > 0,
        ).length,
      }));
      expect(counts.denied).toBeGreaterThanOrEqual(80);
      expect(counts.allowedShown).toBe(counts.allowed);
      expect(frames.some((frame) => frame.shown.some((id) => id.startsWith('allowed-')))).toBe(
        true,
      );
      expect(frames.some((frame) => frame.shown.some((id) => id.startsWith('denied-')))).toBe(
        false,
      );
    } finally {
      await page.close();
    }
  });
});
