import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ALL,
  type AppConfig,
  AUDIENCE,
  frames,
  openApp,
  type ReliabilityStack,
  ready,
  sessionLogin,
  startReliabilityStack,
} from './pages/reliability/stack.js';

/**
 * Security checks in Chromium with the real SDKs: tokens stay out of Web Storage unless the app
 * chose `cacheLocation: 'localstorage'`; no token ever reaches the console; hostile permission
 * names grant nothing; the SDK adapter works under `script-src 'self'`. (The static scan of the
 * built files is test/node/built-files.test.ts; the demo API's refusals, test/node/demo-api.test.ts.)
 */

const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;

let stack: ReliabilityStack;
let context: BrowserContext;
/** Every token the browser received from the stand-in (response bodies and redirects). */
let received: Set<string>;
beforeAll(async () => {
  stack = await startReliabilityStack({ lock: true });
});
afterAll(() => stack?.stop());
beforeEach(async () => {
  await stack.admin.reset();
  context = await stack.browser.newContext();
  received = new Set();
  context.on('response', async (response) => {
    if (!response.url().startsWith(stack.domain)) return;
    const texts = [response.url(), response.headers().location ?? ''];
    try {
      if (response.status() < 300 || response.status() >= 400) texts.push(await response.text());
    } catch {
      // a body that is gone (navigation) is covered by the page's own tokens below
    }
    for (const text of texts) {
      for (const [token] of text.matchAll(JWT)) received.add(token);
      for (const [, token] of text.matchAll(/"refresh_token":"([^"]+)"/g)) received.add(token!);
    }
  });
});
afterEach(() => context?.close());

/** Logs in through the SDK itself: the stand-in's login page, then the redirect back. */
async function sdkLogin(page: Page, sdk: 'spa' | 'lock', email = 'admin@example.com') {
  await page.evaluate(() => void window.rel.permissions.login());
  if (sdk === 'spa') {
    await page.waitForURL((url) => url.origin === stack.domain);
    await page.click(`button[data-user="${email}"]`);
  } else {
    await page.fill('.auth0-lock input[name="email"]', email);
    await page.fill('.auth0-lock input[name="password"]', 'demo-password');
    await page.click('.auth0-lock button.auth0-lock-submit');
  }
  await page.waitForURL((url) => url.origin === stack.pages.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.rel?.now?.().state === 'authenticated', null, {
    timeout: 15_000,
  });
}

/** The access and ID tokens the page holds now. */
async function heldTokens(page: Page): Promise<string[]> {
  const access: string = await page.evaluate(() => window.rel.permissions.getAccessToken());
  const id = await page.evaluate(
    async () =>
      ((await window.rel.permissions.client?.getIdTokenClaims?.()) as { __raw?: string })?.__raw,
  );
  return [access, ...(id ? [id] : [])];
}

const storage = (page: Page) =>
  page.evaluate(() => ({
    localStorage: Object.entries(localStorage),
    sessionStorage: Object.entries(sessionStorage),
    cookies: document.cookie,
  }));

/** Login, then a renewal: returns what Web Storage holds, and every token seen. */
async function loginAndRenew(config: AppConfig) {
  const { page } = await openApp(stack, context, config);
  await ready(page);
  await sdkLogin(page, config.sdk);
  const tokens = new Set(await heldTokens(page));
  expect((await page.evaluate(() => window.rel.refresh())).state).toBe('authenticated');
  for (const token of await heldTokens(page)) tokens.add(token);
  for (const token of received) tokens.add(token);
  return { page, tokens: [...tokens], stored: await storage(page) };
}

const textOf = (stored: Awaited<ReturnType<typeof storage>>) =>
  JSON.stringify([stored.localStorage, stored.sessionStorage, stored.cookies]);

describe('tokens never land in localStorage or sessionStorage unless the app chose it', () => {
  const cases: [string, AppConfig][] = [
    ['auth0-spa-js, memory cache', { sdk: 'spa' }],
    [
      'auth0-spa-js, refresh tokens (memory cache)',
      { sdk: 'spa', options: { useRefreshTokens: true } },
    ],
    ['Lock', { sdk: 'lock' }],
  ];
  for (const [name, config] of cases)
    it(`${name}: after login and renewal, no token in Web Storage or cookies`, async () => {
      const { tokens, stored } = await loginAndRenew(config);
      expect(tokens.length).toBeGreaterThanOrEqual(2);
      const text = textOf(stored);
      for (const token of tokens) expect(text).not.toContain(token);
      expect(text.match(JWT)).toBeNull();
    });

  it("auth0-spa-js with cacheLocation: 'localstorage': the access token IS in localStorage (the check can fail)", async () => {
    const { page, stored } = await loginAndRenew({
      sdk: 'spa',
      options: { cacheLocation: 'localstorage' },
    });
    const [access] = await heldTokens(page);
    expect(JSON.stringify(stored.localStorage)).toContain(access);
  });
});

describe('no token in console output, diagnostics on', () => {
  async function consoleOf(config: AppConfig, faults: boolean) {
    const messages: string[] = [];
    const { page } = await openApp(stack, context, {
      ...config,
      options: { ...(config.options as object), diagnostics: true },
    });
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
    await ready(page);
    await sdkLogin(page, config.sdk);
    const tokens = new Set(await heldTokens(page));
    const path = config.sdk === 'spa' ? '/oauth/token' : '/authorize';
    if (faults) {
      // Renewals that make the library print its findings: a claim of the wrong type, then a
      // refused (expired) token.
      for (const token of ['permissions-not-array', 'expired']) {
        await stack.admin.fault({ path, token, times: 1 });
        await page.evaluate(() => window.rel.refresh());
        await page.waitForTimeout(200);
      }
    }
    expect((await page.evaluate(() => window.rel.refresh())).state).toBe('authenticated');
    for (const token of await heldTokens(page)) tokens.add(token);
    await page.evaluate(() => void window.rel.permissions.logout());
    await page.waitForURL((url) => url.pathname.endsWith('/reliability/app.html'));
    await page.waitForFunction(() => window.rel?.now);
    expect((await ready(page)).state).toBe('anonymous');
    for (const token of received) tokens.add(token);
    return { messages, tokens: [...tokens] };
  }

  const assertClean = (messages: string[], tokens: string[]) => {
    const text = messages.join('\n');
    for (const token of tokens) {
      const [, payload = '', signature = ''] = token.split('.');
      expect(text).not.toContain(token);
      if (payload.length > 20) expect(text).not.toContain(payload.slice(0, 40));
      if (signature.length > 20) expect(text).not.toContain(signature);
    }
    expect(text.match(JWT)).toBeNull();
  };

  it('auth0-spa-js: login, renewals with spoiled tokens, logout', async () => {
    const { messages, tokens } = await consoleOf({ sdk: 'spa' }, true);
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    // diagnostics did print: the findings of the two spoiled tokens
    expect(messages.join('\n')).toContain('PERMISSIONS_CLAIM_INVALID');
    expect(messages.join('\n')).toContain('TOKEN_EXPIRED');
    assertClean(messages, tokens);
  });

  it('Lock: login, renewals with spoiled tokens, logout', async () => {
    const { messages, tokens } = await consoleOf({ sdk: 'lock' }, true);
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    expect(messages.join('\n')).toContain('PERMISSIONS_CLAIM_INVALID');
    assertClean(messages, tokens);
  });
});

describe('hostile permission names grant nothing', () => {
  it("a token with permissions ['__proto__', 'constructor'] grants exactly those two names", async () => {
    await stack.admin.setApi(AUDIENCE, { permissions: [...ALL, '__proto__', 'constructor'] });
    await stack.admin.setUser('nobody@example.com', {
      permissions: { [AUDIENCE]: ['__proto__', 'constructor'] },
    });
    await sessionLogin(stack, context, 'nobody@example.com');
    const { page } = await openApp(stack, context, { sdk: 'spa' });
    expect(await ready(page)).toEqual({
      state: 'authenticated',
      permissions: ['__proto__', 'constructor'],
      error: null,
      cause: null,
    });
    const claims = JSON.parse(
      Buffer.from(
        (await page.evaluate(() => window.rel.permissions.getAccessToken())).split('.')[1],
        'base64url',
      ).toString(),
    );
    expect(claims.permissions).toEqual(['__proto__', 'constructor']);
    expect(
      await page.evaluate(() => {
        const p = window.rel.permissions;
        return {
          size: p.permissions.size,
          both: p.check('__proto__ and constructor'),
          has: [
            '__proto__',
            'constructor',
            'toString',
            'hasOwnProperty',
            'valueOf',
            'prototype',
          ].map((name) => p.hasPermission(name)),
          checks: ['toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'read:reports'].map(
            (name) => p.check(name),
          ),
          any: p.hasAnyPermission(['toString', 'hasOwnProperty', 'isPrototypeOf']),
          all: p.hasAllPermissions(['__proto__', 'constructor']),
          prototypeIntact:
            Object.keys(Object.prototype).length === 0 &&
            Object.getPrototypeOf({}) === Object.prototype,
        };
      }),
    ).toEqual({
      size: 2,
      both: true,
      has: [true, true, false, false, false, false],
      checks: [false, false, false, false, false],
      any: false,
      all: true,
      prototypeIntact: true,
    });
    // `__proto__*` is a wildcard that the literal `__proto__` matches; nothing else shows.
    expect(await page.evaluate(() => window.rel.visible())).toEqual([
      'authed',
      'proto',
      'ctor',
      'protowild',
    ]);
    expect((await frames(page)).violations).toEqual([]);
  });

  it('data-permission="toString" and friends stay hidden for a user holding every real permission', async () => {
    await sessionLogin(stack, context, 'admin@example.com');
    const { page } = await openApp(stack, context, { sdk: 'spa' });
    expect((await ready(page)).permissions).toEqual(ALL);
    const hidden = ['tostring', 'hasown', 'valueof', 'proto', 'ctor', 'protowild'];
    const shown = await page.evaluate(() => window.rel.visible());
    for (const id of hidden) expect(shown).not.toContain(id);
    expect((await frames(page)).violations).toEqual([]);
  });
});

describe("the SDK adapter under Content-Security-Policy: script-src 'self'", () => {
  async function openStrict(config: Record<string, unknown>) {
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    const options = {
      domain: stack.domain,
      clientId: 'auth0-permissions-demo',
      audience: AUDIENCE,
    };
    await page.goto(
      `${stack.pages.url}/reliability/csp.html?config=${encodeURIComponent(JSON.stringify({ ...options, ...config }))}`,
    );
    await page.waitForFunction(() => window.rel?.now);
    return { page, console };
  }
  const violations = (page: Page) =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  it('auth0-permissions.spa.global.js (auth0-spa-js bundled), memory cache: login, renewal, gating, no violation', async () => {
    await sessionLogin(stack, context);
    const { page, console } = await openStrict({ authorizeTimeoutInSeconds: 5 });
    expect(await ready(page)).toEqual({
      state: 'authenticated',
      permissions: ALL,
      error: null,
      cause: null,
    });
    expect((await page.evaluate(() => window.rel.refresh())).state).toBe('authenticated');
    expect(await page.evaluate(() => window.rel.visible())).toEqual(['read', 'delete', 'authed']);
    expect((await frames(page)).violations).toEqual([]);
    // The policy is enforced (the inline canary was refused), and nothing else was.
    expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false);
    expect(await violations(page)).toEqual(['script-src-elem inline']);
    expect(console.filter((line) => /Content Security Policy|Refused/i.test(line))).toHaveLength(1);
  });

  it("refresh tokens under the same policy need auth0-spa-js's workerUrl: with it, renewal works without a violation", async () => {
    await sessionLogin(stack, context);
    const { page } = await openStrict({
      authorizeTimeoutInSeconds: 5,
      useRefreshTokens: true,
      workerUrl: '/node_modules/@auth0/auth0-spa-js/dist/auth0-spa-js.worker.production.js',
    });
    expect((await ready(page)).state).toBe('authenticated');
    await stack.admin.clearLog();
    expect((await page.evaluate(() => window.rel.refresh())).permissions).toEqual(ALL);
    const grants = ((await stack.admin.log()) as { path: string; params: Record<string, string> }[])
      .filter((e) => e.path === '/oauth/token')
      .map((e) => e.params.grant_type);
    expect(grants).toEqual(['refresh_token']);
    expect(await violations(page)).toEqual(['script-src-elem inline']);
  });

  it('refresh tokens under the same policy WITHOUT workerUrl: the blob: worker is refused and the page stays loading, nothing shown (fails closed, never settles)', async () => {
    await sessionLogin(stack, context);
    await stack.admin.clearLog();
    const { page } = await openStrict({ authorizeTimeoutInSeconds: 5, useRefreshTokens: true });
    await page.waitForFunction(() =>
      (window as unknown as { cspViolations: string[] }).cspViolations.includes('worker-src blob'),
    );
    await page.waitForTimeout(3000);
    expect(await page.evaluate(() => window.rel.now().state)).toBe('loading');
    expect(await page.evaluate(() => window.rel.visible())).toEqual([]);
    expect((await frames(page)).violations).toEqual([]);
    // auth0-spa-js waits forever for its worker: not one request reached the tenant.
    expect(
      ((await stack.admin.log()) as { path: string }[]).filter((e) =>
        ['/authorize', '/oauth/token'].includes(e.path),
      ),
    ).toEqual([]);
  });
});
