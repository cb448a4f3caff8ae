import type { Browser } from 'playwright-core';
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

describe("the directives under script-src 'self'; style-src 'self' (Chromium)", () => {
  it('gate, remove, disable and act without any CSP violation', async () => {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
    try {
      const response = await page.goto(`${server.url}/strict.csp.html?perms=read:reports`);
      expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForFunction(
        () => document.documentElement.dataset.permissionsState === 'authenticated',
      );
      // A real click (pointer input): `disable` makes the link inert.
      const link = (await page.locator('#link').boundingBox())!;
      await page.mouse.click(link.x + link.width / 2, link.y + link.height / 2);
      const seen = await page.evaluate(() => {
        const rendered = (id: string) =>
          document.getElementById(id)?.getClientRects().length !== 0 &&
          document.getElementById(id) !== null;
        const button = document.getElementById('disabled') as HTMLButtonElement;
        return {
          allowed: rendered('allowed'),
          denied: rendered('denied'),
          deniedDisplay: getComputedStyle(document.getElementById('denied')!).display,
          list: [...document.querySelectorAll('#list > li')].map((item) => item.id),
          disabled: [button.disabled, button.getAttribute('aria-disabled'), rendered('disabled')],
          navigated: location.hash,
          login: rendered('login'),
          bad: rendered('bad'),
          violations: (window as unknown as { cspViolations: string[] }).cspViolations,
        };
      });
      expect(seen).toEqual({
        allowed: true,
        denied: false,
        deniedDisplay: 'none',
        list: ['before', 'after'],
        disabled: [true, 'true', true],
        navigated: '',
        login: false,
        bad: false,
        violations: [],
      });
      await page.evaluate(() =>
        (window as unknown as { grant(p: string[]): Promise<unknown> }).grant([
          'read:reports',
          'manage:users',
          'delete:reports',
        ]),
      );
      const after = await page.evaluate(() => ({
        list: [...document.querySelectorAll('#list > li')].map((item) => item.id),
        disabled: (document.getElementById('disabled') as HTMLButtonElement).disabled,
        denied: document.getElementById('denied')!.getClientRects().length > 0,
      }));
      expect(after).toEqual({
        list: ['before', 'removed', 'after'],
        disabled: false,
        denied: true,
      });
      await page.evaluate(() =>
        (window as unknown as { grant(p: null): Promise<unknown> }).grant(null),
      );
      await page.click('#login');
      expect(await page.evaluate(() => (window as unknown as { loggedIn: number }).loggedIn)).toBe(
        1,
      );
      expect(console.filter((line) => /Content Security Policy|Refused/i.test(line))).toEqual([]);
      expect(
        console.filter((line) => line.startsWith('error') && !/auth0-permissions|404/.test(line)),
      ).toEqual([]);
      const errors = console.filter((line) => line.startsWith('error: auth0-permissions'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('<p#bad>');
      expect(errors[0]).toContain('position 13');
    } finally {
      await page.close();
    }
  });
});
