import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveDomPages } from './dom-helpers.js';

// Issue 17: what an attacker (or an unlucky author) tried against the gates. Each page loads the
// built script-tag file; `?perms=a,b` signs in with those permissions, none means anonymous.

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
type Probe = { probeFrames: Frame[]; grant(p: string[] | null): Promise<unknown> };

async function open(path: string, run: (page: Page) => Promise<void>) {
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}/${path}`);
    await run(page);
  } finally {
    await page.close();
  }
}

/** Every `[data-probe]` element that was rendered in some frame so far. */
const everShown = (page: Page) =>
  page.evaluate(() => [
    ...new Set((window as unknown as Probe).probeFrames.flatMap((frame) => frame.shown)),
  ]);
const waitFrames = (page: Page, ms: number) =>
  page.waitForFunction((ms) => (window as unknown as Probe).probeFrames.at(-1)!.t > ms, ms);
const grant = (page: Page, permissions: string[] | null) =>
  page.evaluate((p) => (window as unknown as Probe).grant(p), permissions);
const rendered = (page: Page, id: string) =>
  page.evaluate((id) => document.getElementById(id)!.getClientRects().length > 0, id);

describe('author CSS against the fail-closed gate (Chromium)', () => {
  it('an inline display: … !important never reveals a denied element, set before or after binding', async () => {
    await open('inline-style.html', async (page) => {
      await page.waitForFunction(() => (window as { revealAttempted?: boolean }).revealAttempted);
      await waitFrames(page, 500);
      expect(await everShown(page)).toEqual(['public']);
      // Granted: the author's own inline style is back.
      await grant(page, ['delete:reports']);
      const back = await page.evaluate(() =>
        ['inline-permission', 'set-later', 'cssom-later', 'inline-contents'].map((id) => {
          const element = document.getElementById(id)!;
          return [id, getComputedStyle(element).display, element.style.color];
        }),
      );
      expect(back).toEqual([
        ['inline-permission', 'block', 'red'],
        ['set-later', 'block', ''],
        ['cssom-later', 'grid', ''],
        ['inline-contents', 'contents', ''],
      ]);
      expect(await rendered(page, 'contents-child')).toBe(true);
      // Revoked again: hidden again.
      await grant(page, null);
      expect(await rendered(page, 'inline-permission')).toBe(false);
      expect(await rendered(page, 'inline-authenticated')).toBe(false);
    });
  });

  it('with auth0-permissions.css linked first, no author stylesheet reveals it: @layer !important, unlayered !important, display: contents, a stylesheet added later', async () => {
    await open('layers-linked.html', async (page) => {
      await page.waitForFunction(() => (window as { lateLoaded?: boolean }).lateLoaded);
      await waitFrames(page, 500);
      expect(await everShown(page)).toEqual(['public']);
      await grant(page, ['delete:reports']);
      expect(await rendered(page, 'layered')).toBe(true);
      expect(await rendered(page, 'layered-child')).toBe(true);
    });
  });

  it('without the link, a !important rule in any layer of the page wins, even one added later (the documented remaining case)', async () => {
    await open('layers-unlinked.html', async (page) => {
      await page.waitForFunction(() => (window as { lateLoaded?: boolean }).lateLoaded);
      await waitFrames(page, 500);
      const shown = await everShown(page);
      // The adopted stylesheet comes after every document stylesheet, so its layer is last.
      expect(shown.sort()).toEqual(['late-layered', 'layered', 'layered-child', 'public']);
    });
  });
});

describe('the script fails to load (404): the head fallback keeps gated content hidden', () => {
  for (const [fallback, path] of [
    ['<link rel="stylesheet" href="…/auth0-permissions.css">', 'script-404.html'],
    ['the one-line <style>', 'script-404-style.html'],
  ] as const)
    it(fallback, async () => {
      await open(path, async (page) => {
        await waitFrames(page, 300);
        const shown = await everShown(page);
        // A `disable` element stays visible (and takes no pointer input) by design.
        expect(shown.sort()).toEqual(['disabled', 'public']);
        expect(await page.evaluate(() => 'Auth0Permissions' in window)).toBe(false);
      });
    });
});

describe('disable mode makes the whole subtree inert (Chromium)', () => {
  it('Tab skips the form and the link, Enter submits nothing, a click does not navigate', async () => {
    await open('disable.html?perms=read:reports', async (page) => {
      await page.waitForFunction(
        () => document.documentElement.dataset.permissionsState === 'authenticated',
      );
      await page.focus('#before');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('after');
      await page.evaluate(() => document.getElementById('form-input')!.focus());
      expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('form-input');
      await page.keyboard.press('Enter');
      const box = (await page.locator('#link').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      expect(await page.evaluate(() => location.hash)).toBe('');

      // Focused while allowed, then revoked: Enter still submits nothing.
      await grant(page, ['read:reports', 'delete:reports']);
      await page.focus('#inner-input');
      await grant(page, ['read:reports']);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(50);
      expect(await page.evaluate(() => (window as { submitted?: string[] }).submitted)).toEqual([]);

      // Allowed: both forms work again, from the keyboard.
      await grant(page, ['read:reports', 'delete:reports']);
      await page.focus('#form-input');
      await page.keyboard.press('Enter');
      await page.focus('#inner-input');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => (window as { submitted?: string[] }).submitted)).toEqual([
        'form',
        'inner',
      ]);
    });
  });
});

describe('bindDirectives(instance, shadowRoot) (Chromium)', () => {
  const inside = (page: Page, card: string) =>
    page.evaluate((card) => {
      const root = document.getElementById(card)!.shadowRoot!;
      return [...root.querySelectorAll('p')]
        .filter((p) => p.getClientRects().length > 0)
        .map((p) => p.id);
    }, card);

  it('gates a bound shadow root like the document; an unbound one is not gated', async () => {
    await open('shadow.html', async (page) => {
      await page.waitForFunction(
        () => document.documentElement.dataset.permissionsState === 'anonymous',
      );
      expect(await inside(page, 'bound')).toEqual(['disabled-box', 'public']);
      expect(
        await page.evaluate(
          () => document.getElementById('bound')!.shadowRoot!.getElementById('disabled-box')!.inert,
        ),
      ).toBe(true);
      expect(await inside(page, 'unbound')).toEqual([
        'secret',
        'members',
        'disabled-box',
        'public',
      ]);
      await grant(page, ['delete:reports']);
      expect(await inside(page, 'bound')).toEqual(['secret', 'members', 'disabled-box', 'public']);
      await grant(page, null);
      await page.evaluate(() => (window as unknown as { addLater(): void }).addLater());
      await page.evaluate(() => new Promise(requestAnimationFrame));
      expect(await inside(page, 'bound')).toEqual(['disabled-box', 'public']);
      await grant(page, ['delete:reports']);
      expect(await inside(page, 'bound')).toContain('later');
    });
  });
});
