// The demo's API: it verifies every access token (signature against the tenant's JWKS, issuer,
// audience, algorithm, expiry) and enforces the same permissions the page gates on. UI gating
// mirrors these checks; it never replaces them.
import { createServer } from 'node:http';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

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
 * Verifies `Authorization: Bearer <token>`. Returns the claims, or `{ status, body }` to answer.
 * RS256 only: `alg: none` and HS256 (a classic key-confusion attack) are refused by jose.
 */
export async function verifyRequest(req, { jwks, issuer, audience }) {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer ([\w.~+/-]+=*)$/i.exec(header);
  if (!match) {
    return {
      status: 401,
      body: {
        error: 'invalid_token',
        reason: 'Send the access token as "Authorization: Bearer <token>"',
      },
      headers: { 'www-authenticate': 'Bearer' },
    };
  }
  try {
    const { payload } = await jwtVerify(match[1], jwks, {
      issuer,
      audience,
      algorithms: ['RS256'],
      clockTolerance: 5,
    });
    return { claims: payload };
  } catch (error) {
    const reason =
      error instanceof errors.JWTExpired
        ? 'The token has expired'
        : error instanceof errors.JWTClaimValidationFailed
          ? `The token's "${error.claim}" claim is wrong (expected ${error.claim === 'aud' ? audience : error.claim === 'iss' ? issuer : 'a valid value'})`
          : error instanceof errors.JOSEAlgNotAllowed
            ? 'The token is not signed with RS256'
            : error instanceof errors.JWSSignatureVerificationFailed
              ? 'The token signature is invalid'
              : 'The token is not a valid JWT from this tenant';
    return {
      status: 401,
      body: { error: 'invalid_token', reason, code: error.code ?? 'ERR_INVALID' },
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    };
  }
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
  const jwks = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 0 });
  let reports = SEED_REPORTS.map((r) => ({ ...r }));
  let nextId = 1;
  const server = createServer(async (req, res) => {
    const origin = req.headers.origin;
    if (origin && (allowedOrigins === '*' || allowedOrigins.includes(origin))) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      res.setHeader('access-control-allow-headers', 'authorization, content-type');
      res.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
    }
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') return json(res, 200, { ok: true });
    const route = ROUTES.find((r) => r.method === req.method && r.path.test(url.pathname));
    if (!route)
      return json(res, 404, {
        error: 'not_found',
        reason: `No route ${req.method} ${url.pathname}`,
      });
    const verified = await verifyRequest(req, { jwks, issuer, audience });
    if (!verified.claims) return json(res, verified.status, verified.body, verified.headers);
    const granted = Array.isArray(verified.claims.permissions)
      ? verified.claims.permissions.filter((p) => typeof p === 'string')
      : [];
    if (!granted.includes(route.permission)) {
      return json(res, 403, {
        error: 'insufficient_permission',
        reason: `This needs the "${route.permission}" permission`,
        required: route.permission,
        granted,
      });
    }
    const who = String(verified.claims.sub ?? 'someone');
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
