import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTenant } from '../support/tenant.js';
import { launchChromium, serveDomPages } from './dom-helpers.js';

let browser: Browser;
let tenant: { url: string; close(): Promise<void> };
let server: Awaited<ReturnType<typeof serveDomPages>>;
beforeAll(async () => {
  if (!existsSync(join(import.meta.dirname, '../../dist/auth0-permissions.spa.global.js')))
    throw new Error('dist/auth0-permissions.spa.global.js is missing: run npm run build first');
  tenant = await startTenant();
  [browser, server] = await Promise.all([
    launchChromium(),
    serveDomPages({ replace: ['http://localhost:4400', tenant.url] }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await tenant?.close();
});

describe('demo/minimal.html: one script tag against the stand-in and real auth0-spa-js', () => {
  it('starts anonymous, logs in through data-auth-action, and gates by permission', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      // The page loads /auth0-permissions.spa.global.js from the site root, and the diagnosis
      // file from beside it on first use.
      for (const file of [
        'auth0-permissions.spa.global.js',
        'auth0-permissions.diagnose.global.js',
      ])
        await page.route(`**/${file}`, (route) =>
          route.continue({ url: `${server.url}/dist/${file}` }),
        );
      await page.goto(`${server.url}/demo/minimal.html`);
      await page.waitForFunction(
        () => document.documentElement.dataset.permissionsState === 'anonymous',
      );
      expect(await page.isVisible('text=Reports: you can read them.')).toBe(false);
      await page.click('button:has-text("Log in")');
      await page.waitForURL(`${tenant.url}/**`);
      await page.fill('#email', 'viewer@example.com');
      await page.fill('#password', 'demo-password');
      await page.click('#login-submit');
      await page.waitForFunction(
        () => document.documentElement.dataset.permissionsState === 'authenticated',
        undefined,
        { timeout: 20_000 },
      );
      const seen = await page.evaluate(() => ({
        url: location.search,
        rendered: [...document.querySelectorAll('[data-permission]')]
          .filter((element) => element.getClientRects().length > 0)
          .map((element) => element.getAttribute('data-permission')),
        deleteDisabled: (
          document.querySelector('[data-permission="delete:reports"]') as HTMLButtonElement
        ).disabled,
        permissions: [
          ...(window as unknown as { Auth0Permissions: { instance: { permissions: Set<string> } } })
            .Auth0Permissions.instance.permissions,
        ],
      }));
      expect(seen.url).toBe('');
      expect(seen.permissions).toContain('read:reports');
      expect(seen.rendered).toEqual(
        seen.permissions.includes('delete:reports')
          ? expect.arrayContaining(['read:reports'])
          : ['read:reports', 'delete:reports', 'read:reports and not delete:reports'],
      );
      expect(seen.deleteDisabled).toBe(!seen.permissions.includes('delete:reports'));

      // The diagnosis is a second file, loaded on first use; then diagnose() is synchronous.
      const diagnosis = await page.evaluate(async () => {
        type Finding = { code: string; severity: string };
        const lib = (
          window as unknown as {
            Auth0Permissions: {
              diagnose(input: unknown): Finding[];
              instance: { diagnose(): Promise<Finding[]> };
            };
          }
        ).Auth0Permissions;
        const before = document.querySelector('script[src$="diagnose.global.js"]') !== null;
        const healthy = await lib.instance.diagnose();
        return {
          before,
          loaded: document.querySelector('script[src$="diagnose.global.js"]') !== null,
          healthy: healthy.map((f) => f.severity),
          opaque: lib.diagnose('uTQd1HbQ0QZpX0TpW3TnUeQlVv5yR9m1').map((f) => f.code),
        };
      });
      expect(diagnosis).toEqual({
        before: false,
        loaded: true,
        healthy: [],
        opaque: ['OPAQUE_TOKEN'],
      });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
