import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AUDIENCE, CLIENT_ID, startTenant } from '../../../support/tenant.js';
import {
  buildLockBundle,
  findChromium,
  type Listening,
  type LogEntry,
  launchBrowser,
  startPageServer,
} from '../../harness.js';

/**
 * Node-side helpers of the reliability tests (faults-*.test.ts, tabs.test.ts,
 * security.test.ts), kept next to their pages (app.html, app.js, frames.js).
 */

export { ALL_PERMISSIONS as ALL, AUDIENCE, CLIENT_ID } from '../../../support/tenant.js';

/** What app.js reports about the live instance. */
export type Summary = {
  state: string;
  permissions: string[];
  error: string | null;
  cause: string | null;
};

/** What frames.js records on every animation frame. */
export type Frames = {
  count: number;
  violations: { at: number; id: string; state: string; expression: string | null }[];
  shown: { at: number; state: string; visible: string[] }[];
};

declare global {
  interface Window {
    /** Set by test/browser/pages/reliability/app.js. */
    rel: {
      // biome-ignore lint/suspicious/noExplicitAny: the built library, loaded by the page
      permissions: any;
      changes: (Summary & { at: number })[];
      startError: { code: string; message: string } | null;
      now(): Summary;
      ready(): Promise<Summary>;
      refresh(): Promise<Summary>;
      visible(): string[];
    };
    relFrames: Frames;
  }
}

/** A TCP relay in front of the stand-in: `down()` refuses connections on its port, `up()` listens again. */
export interface Relay {
  url: string;
  port: number;
  down(): Promise<void>;
  up(): Promise<void>;
}

/**
 * The SDKs reach the stand-in through a relay, so the "tenant" can be down (connection refused
 * on its port) and come back on the SAME port with its login sessions intact, as Auth0 does after
 * an outage. (Closing the stand-in and starting a new one on the port would also end every login
 * session, so the page could only come back anonymous.) `target()` is the stand-in's own port.
 */
async function startRelay(target: () => number): Promise<Relay> {
  const sockets = new Set<Socket>();
  let servers: Server[] = [];
  let port = 0;
  const pipe = (client: Socket) => {
    const upstream = connect(target(), '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  };
  const listen = (host: string) =>
    new Promise<Server | undefined>((resolve, reject) => {
      const server = createServer(pipe);
      server.once('error', (error: NodeJS.ErrnoException) =>
        host === '::1' ? resolve(undefined) : reject(error),
      );
      server.listen(port, host, () => resolve(server));
    });
  const relay: Relay = {
    url: '',
    port: 0,
    async up() {
      if (servers.length) return;
      const v4 = (await listen('127.0.0.1'))!;
      port = (v4.address() as { port: number }).port;
      const v6 = await listen('::1');
      servers = v6 ? [v4, v6] : [v4];
    },
    async down() {
      const closing = servers.map(
        (server) => new Promise<void>((resolve) => server.close(() => resolve())),
      );
      servers = [];
      for (const socket of sockets) socket.destroy();
      await Promise.all(closing);
    },
  };
  await relay.up();
  return Object.assign(relay, { port, url: `http://localhost:${port}` });
}

// biome-ignore lint/suspicious/noExplicitAny: the stand-in's admin client is plain JS
export type Admin = any;

export interface ReliabilityStack {
  /** What the SDKs use as `domain`: the relay's URL. */
  domain: string;
  issuer: string;
  admin: Admin;
  relay: Relay;
  pages: Listening;
  browser: Browser;
  stop(): Promise<void>;
}

/** The stand-in behind a relay, the page server and one Chromium. */
export async function startReliabilityStack(
  options: { lock?: boolean } = {},
): Promise<ReliabilityStack> {
  findChromium();
  if (options.lock) await buildLockBundle();
  const closers: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    let tenantPort = 0;
    const relay = await startRelay(() => tenantPort);
    closers.push(() => relay.down());
    const tenant = await startTenant({ publicUrl: relay.url });
    closers.push(() => tenant.close());
    tenantPort = tenant.port;
    const pages = await startPageServer();
    closers.push(() => pages.close());
    const browser = await launchBrowser();
    closers.push(() => browser.close());
    return {
      domain: tenant.url,
      issuer: tenant.issuer,
      admin: tenant.admin,
      relay,
      pages,
      browser,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Logs the user in at the stand-in without any SDK (its login page, one click), so the context
 * holds a session cookie: the page then starts authenticated through silent renewal.
 */
export async function sessionLogin(
  stack: ReliabilityStack,
  context: BrowserContext,
  email = 'admin@example.com',
): Promise<void> {
  const page = await context.newPage();
  const url = new URL('/authorize', stack.domain);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: `${stack.pages.url}/reliability/blank.html`,
    response_type: 'code',
    scope: 'openid',
    audience: AUDIENCE,
    state: 'session-only',
  }).toString();
  await page.goto(url.href);
  await page.click(`button[data-user="${email}"]`);
  await page.waitForURL((u) => u.origin === stack.pages.url);
  await page.close();
}

export type AppConfig = Record<string, unknown> & { sdk: 'spa' | 'lock' };

export function appUrl(stack: ReliabilityStack, config: AppConfig): string {
  const full = { domain: stack.domain, clientId: CLIENT_ID, audience: AUDIENCE, ...config };
  return `${stack.pages.url}/reliability/app.html?config=${encodeURIComponent(JSON.stringify(full))}`;
}

/** An open app page, with what it did: page errors and main-frame navigations. */
export interface App {
  page: Page;
  errors: string[];
  navigations: string[];
}

/** Opens app.html; `wait: false` returns before the live instance exists. */
export async function openApp(
  stack: ReliabilityStack,
  context: BrowserContext,
  config: AppConfig,
  wait = true,
): Promise<App> {
  const page = await context.newPage();
  const app: App = { page, errors: [], navigations: [] };
  page.on('pageerror', (error) => app.errors.push(error.message));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) app.navigations.push(frame.url());
  });
  await page.goto(appUrl(stack, config));
  if (wait) await page.waitForFunction(() => window.rel?.now || window.rel?.startError);
  return app;
}

export const now = (page: Page) => page.evaluate(() => window.rel.now());
export const ready = (page: Page) => page.evaluate(() => window.rel.ready());
export const refresh = (page: Page) => page.evaluate(() => window.rel.refresh());
export const frames = (page: Page) => page.evaluate(() => window.relFrames);
export const visible = (page: Page) => page.evaluate(() => window.rel.visible());

export const isSilentAuthorize = (e: LogEntry) =>
  e.path === '/authorize' && e.params.prompt === 'none';
export const isInteractiveAuthorize = (e: LogEntry) =>
  e.path === '/authorize' && e.params.prompt !== 'none';
export const isTokenRequest = (e: LogEntry) => e.path === '/oauth/token' && e.method === 'POST';
