import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer as startBenchPages } from '../../bench/pages/server.js';
import { startDemoApi } from '../../demo/api.js';
import { startDemo } from '../../demo/serve.js';
import { serveDomPages } from '../browser/dom-helpers.js';
import { startPageServer as startTestPages } from '../browser/harness.js';
import { AUDIENCE, startTenant } from '../support/tenant.js';

/**
 * Issue 17.2: every node:http server of the repository answers a bad request line or URL with a
 * 4xx (400 for a malformed URL) and keeps serving. Each server runs in this process: a handler
 * that throws would end the test run.
 */

type Server = { name: string; port: number; normal: string; expect: number };
const servers: Server[] = [];
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  const tenant = await startTenant();
  closers.push(() => tenant.close());
  const api = await startDemoApi({ issuer: tenant.issuer, audience: AUDIENCE });
  closers.push(() => api.close());
  const bench = await startBenchPages();
  closers.push(() => bench.close());
  const pages = await startTestPages();
  closers.push(() => pages.close());
  const dom = await serveDomPages();
  closers.push(() => dom.close());
  const demo = await startDemo({ quiet: true, tenantPort: 0, apiPort: 0, demoPort: 0 });
  closers.push(() => demo.close());
  const port = (url: string) => Number(new URL(url).port);
  servers.push(
    { name: 'dev-tenant', port: tenant.port, normal: '/.well-known/jwks.json', expect: 200 },
    { name: 'demo API', port: api.port, normal: '/api/health', expect: 200 },
    {
      name: 'bench pages',
      port: port(bench.url),
      normal: '/bench/pages/traffic.html',
      expect: 200,
    },
    { name: 'test pages', port: pages.port, normal: '/sdk/spa.html', expect: 200 },
    { name: 'dom pages', port: port(dom.url), normal: '/demo/minimal.html', expect: 200 },
    { name: 'demo (Vite + /__admin proxy)', port: port(demo.url), normal: '/', expect: 200 },
    { name: 'demo /__admin proxy', port: port(demo.url), normal: '/__admin/info', expect: 200 },
  );
}, 120_000);
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** Writes raw bytes (then half-closes if asked) and returns what came back before close. */
function send(port: number, payload: string, options: { halfClose?: boolean } = {}) {
  return new Promise<string>((resolve) => {
    const socket = connect(port, 'localhost');
    let data = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(data);
    };
    const timer = setTimeout(done, 1000);
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
    });
    socket.on('close', done);
    socket.on('error', done);
    socket.write(payload, () => {
      if (options.halfClose) socket.end();
    });
  });
}

const status = (response: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);
const get = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extra}\r\n`;

const BAD_URLS = ['//%%%', '/%', '/%E0%A4%A', '/x/%zz', '//%%%/__admin/info'];

const GARBAGE: [string, string, { halfClose?: boolean }?][] = [
  ['absolute-form', get('http://evil.example/%%%')],
  ['absolute-form to the admin API', get('http://evil.example/__admin/info')],
  ['CONNECT', 'CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n'],
  ['asterisk-form', 'OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'],
  ['an invalid method', 'G@T / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  ['an unknown method', 'BREW / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  ['a NUL in the path', 'GET /\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  ['a NUL as %00', get('/%00')],
  ['a bad version', 'GET / HTTP/9.9\r\nHost: localhost\r\n\r\n'],
  ['no request line', 'hello\r\n\r\n'],
  ['huge headers', get('/', `X-Big: ${'a'.repeat(100_000)}\r\n`)],
  ['a header without a colon', 'GET / HTTP/1.1\r\nHost localhost\r\n\r\n'],
  [
    'bad chunked encoding',
    'POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
  ],
  [
    'a short body, then half-close',
    'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nabc',
    { halfClose: true },
  ],
  [
    'headers cut short, then half-close',
    'GET / HTTP/1.1\r\nHost: localhost\r\n',
    { halfClose: true },
  ],
  ['a bad URL, then half-close', get('//%%%'), { halfClose: true }],
  ['headers cut short, left open', 'GET / HTTP/1.1\r\nHost: localhost\r\n'],
  ['nothing, left open', ''],
];

describe('garbage requests (issue 17.2)', () => {
  it('every server answers 400 to a malformed URL', async () => {
    for (const server of servers) {
      for (const path of BAD_URLS) {
        const answer = await send(server.port, get(path));
        expect(`${server.name} ${path} → ${status(answer)}`).toBe(`${server.name} ${path} → 400`);
      }
    }
  });

  it('no server fails (5xx) or dies on garbage, and each still answers a normal request', async () => {
    for (const server of servers) {
      for (const [name, payload, options] of GARBAGE) {
        const code = status(await send(server.port, payload, options));
        expect(code < 500, `${server.name}: ${name} → ${code}`).toBe(true);
      }
      const answer = await send(server.port, get(server.normal));
      expect(`${server.name} → ${status(answer)}`).toBe(`${server.name} → ${server.expect}`);
    }
  });
});
