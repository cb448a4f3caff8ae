// The demo's API: every route goes through auth0-permissions/server's requirePermission, which
// verifies the access token (RS256 signature against the tenant's key set, issuer, audience,
// expiry) and enforces the same permission expression the page gates on. UI gating mirrors
// these checks; it never replaces them. A refusal's JSON body carries { error, code, fix }, which
// the pitfalls panel shows next to the page's own finding.
import { createServer } from 'node:http';

/** Route table: method + path pattern → required permission. */
export const ROUTES = [
  { method: 'GET', path: /^\/api\/reports$/, permission: 'read:reports', action: 'list' },
  { method: 'POST', path: /^\/api\/reports$/, permission: 'create:reports', action: 'create' },
  {
    method: 'DELETE',
    path: /^\/api\/reports\/([\w-]{1,40})$/,
    permission: 'delete:reports',
    action: 'delete',
  },
  { method: 'GET', path: /^\/api\/admin\/users$/, permission: 'manage:users', action: 'users' },
];

const SEED_REPORTS = [
  { id: 'q3-revenue', title: 'Q3 revenue by region', author: 'Ada Admin', updated: '2026-10-02' },
  {
    id: 'churn',
    title: 'Customer churn, last 12 months',
    author: 'Eddie Editor',
    updated: '2026-10-28',
  },
  {
    id: 'latency',
    title: 'API latency percentiles',
    author: 'Eddie Editor',
    updated: '2026-11-14',
  },
];

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
};

async function readJson(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16_384) throw new Error('body too large');
    chunks.push(chunk);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

/**
 * Starts the demo API.
 * @param {{ issuer: string, audience: string, jwksUri?: string, port?: number, host?: string, allowedOrigins?: string[] | '*' }} options
 */
export async function startDemoApi({
  issuer,
  audience,
  jwksUri = new URL('.well-known/jwks.json', issuer).href,
  port = 0,
  host = 'localhost',
  allowedOrigins = '*',
}) {
  // The built server entry, as an app imports `auth0-permissions/server` (demo/serve.js builds
  // dist/ first). It keeps one key set per issuer, refetched at most every 30 s on an unknown kid.
  const { requirePermission } = await import('../dist/server/index.js');
  const options = { issuer, audience, jwksUri };
  const guards = new Map(ROUTES.map((r) => [r, requirePermission(r.permission, options)]));
  let reports = SEED_REPORTS.map((r) => ({ ...r }));
  let nextId = 1;
  const handle = async (req, res) => {
    const origin = req.headers.origin;
    if (origin && (allowedOrigins === '*' || allowedOrigins.includes(origin))) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      res.setHeader('access-control-allow-headers', 'authorization, content-type');
      res.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
    }
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    let url;
    try {
      // `//%%%` or `/%` must not throw out of the handler: that would end the process.
      url = new URL(req.url ?? '/', 'http://localhost');
      decodeURIComponent(url.pathname);
    } catch {
      return json(res, 400, { error: 'invalid_request', reason: 'Malformed request URL' });
    }
    if (url.pathname === '/api/health') return json(res, 200, { ok: true });
    const route = ROUTES.find((r) => r.method === req.method && r.path.test(url.pathname));
    if (!route)
      return json(res, 404, {
        error: 'not_found',
        reason: `No route ${req.method} ${url.pathname}`,
      });
    // Answers 401/403/503 itself (RFC 6750 headers, { error, code, fix } body) when refused.
    if (!(await guards.get(route)(req, res, () => {}))) return;
    const who = String(req.auth.claims.sub ?? 'someone');
    try {
      if (route.action === 'list') return json(res, 200, { reports });
      if (route.action === 'users') {
        return json(res, 200, {
          users: [
            { email: 'admin@example.com', roles: ['admin'] },
            { email: 'editor@example.com', roles: ['editor'] },
            { email: 'viewer@example.com', roles: ['viewer'] },
            { email: 'nobody@example.com', roles: [] },
          ],
        });
      }
      if (route.action === 'create') {
        const body = await readJson(req);
        const title = String(body.title ?? '')
          .trim()
          .slice(0, 120);
        if (!title)
          return json(res, 400, { error: 'invalid_request', reason: 'A report needs a title' });
        const report = {
          id: `r${nextId++}`,
          title,
          author: who,
          updated: new Date().toISOString().slice(0, 10),
        };
        reports = [...reports, report];
        return json(res, 201, { report });
      }
      const id = route.path.exec(url.pathname)[1];
      if (!reports.some((r) => r.id === id))
        return json(res, 404, { error: 'not_found', reason: `No report ${id}` });
      reports = reports.filter((r) => r.id !== id);
      return json(res, 200, { deleted: id });
    } catch {
      return json(res, 400, {
        error: 'invalid_request',
        reason: 'The request body is not valid JSON',
      });
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (res.headersSent) return void res.destroy();
      json(res, 500, { error: 'server_error', reason: 'The demo API failed on this request' });
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    url: `http://localhost:${address.port}`,
    port: address.port,
    reset() {
      reports = SEED_REPORTS.map((r) => ({ ...r }));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
