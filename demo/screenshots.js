#!/usr/bin/env node
// Screenshots of the demo's main states, for the README: `node demo/screenshots.js`.
// Starts the demo on free ports and drives it with Chromium (CHROMIUM_PATH or /usr/bin/chromium).
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser } from '../test/browser/chromium.js';
import { startDemo } from './serve.js';

const OUT = join(import.meta.dirname, 'screenshots');

const demo = await startDemo({ quiet: true, tenantPort: 0, apiPort: 0, demoPort: 0 });
const browser = await launchBrowser();
await mkdir(OUT, { recursive: true });
const written = [];

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { context, page };
}

const state = (page, value) =>
  page.waitForSelector(`html[data-permissions-state="${value}"]`, { timeout: 20_000 });

async function login(page, email) {
  await page.getByRole('button', { name: 'Log in', exact: true }).first().click();
  await page.click(`[data-user="${email}"]`);
  await state(page, 'authenticated');
  await page.waitForSelector('#reports-body tr');
  await page.waitForSelector('#inspector-token pre');
}

/** A still frame: no sticky header over element shots, no caret, no animation. */
async function settle(page) {
  await page.addStyleTag({
    content:
      '.topbar{position:static} *{caret-color:transparent!important;animation:none!important}',
  });
  await page.evaluate(() => document.fonts.ready);
}

async function shoot(target, name, options = {}) {
  const path = join(OUT, name);
  await target.screenshot({ path, type: 'png', ...options });
  written.push(`${name} (${Math.round((await stat(path)).size / 1024)} KB)`);
}

try {
  {
    const { context, page } = await newPage();
    await page.goto(`${demo.url}/`);
    await page.waitForSelector('#fixture:not([hidden])');
    await settle(page);
    await shoot(page, 'landing.png');
    await context.close();
  }
  {
    const { context, page } = await newPage();
    await page.goto(`${demo.url}/plain/`);
    await state(page, 'anonymous');
    await page.waitForSelector('#fixture:not([hidden])');
    await settle(page);
    await shoot(page, 'logged-out.png');
    await login(page, 'admin@example.com');
    await page.waitForSelector('#admin-users-body tr');
    await settle(page);
    await shoot(page, 'admin.png');
    await shoot(
      page.locator('#inspector-title').locator('xpath=ancestor::section'),
      'inspector.png',
    );
    await context.close();
  }
  {
    const { context, page } = await newPage();
    await page.goto(`${demo.url}/spa/`);
    await state(page, 'anonymous');
    await login(page, 'viewer@example.com');
    await page.click('[data-api="DELETE /api/reports/:id"]');
    await page.waitForSelector('#api-log li[data-status="403"]');
    await settle(page);
    await shoot(page, 'viewer.png');
    await page.click('[data-reproduce="namespaced"]');
    await page.waitForSelector('#pitfall-result [data-finding="NAMESPACED_PERMISSIONS_FOUND"]');
    await settle(page);
    await shoot(page.locator('#pitfalls'), 'pitfall.png');
    await page.click('[data-undo="namespaced"]');
    await page.waitForSelector('#pitfall-result:empty', { state: 'attached' });
    await context.close();
  }
  {
    const { context, page } = await newPage();
    await page.goto(`${demo.url}/lock/`);
    await state(page, 'anonymous');
    await page.getByRole('button', { name: 'Log in', exact: true }).first().click();
    await page.waitForSelector('.auth0-lock-opened input[name="email"]');
    await page.waitForTimeout(1500);
    const box = await page.locator('.auth0-lock-widget').boundingBox();
    const clip = box && {
      x: Math.max(box.x - 160, 0),
      y: Math.max(box.y - 60, 0),
      width: Math.min(box.width + 320, 1280),
      height: Math.min(box.height + 120, 800),
    };
    await shoot(page, 'lock-login.png', clip ? { clip } : {});
    await context.close();
  }
  console.log(`Wrote to ${OUT}:\n  ${written.join('\n  ')}`);
} finally {
  await browser.close();
  await demo.close();
}
