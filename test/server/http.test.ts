// requirePermission (Express 5) and authorize (a Fetch API handler behind node:http) over real
// HTTP on loopback, with real tokens from the stand-in tenant and crafted ones.
import { createServer, type RequestListener, type Server } from 'node:http';
import express from 'express';
import { importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DevTenant } from '../../dev-tenant/server.js';
import {
  type AuthorizedRequest,
  authorize,
  type PermissionMiddleware,
  requirePermission,
  type ServerFinding,
  type ServerOptions,
} from '../../src/server/index.js';
import { passwordToken } from '../dev-tenant/helpers.js';
import { AUDIENCE, startTenant } from '../support/tenant.js';
import { signingKey } from '../support/tokens.js';
import { type SigningKey, signText, unsigned } from './support.js';

let tenant: DevTenant;
let options: ServerOptions;
const logged: ServerFinding[] = [];
const servers: Server[] = [];
const tokens: Record<'viewer' | 'editor' | 'opaque' | 'id', string> = {} as never;
/** The stand-in's signing key, to sign tokens it would never issue. */
let tenantKey: Pick<SigningKey, 'kid' | 'privateKey'>;

const listen = async (listener: RequestListener) => {
  const server = createServer({ maxHeaderSize: 128 * 1024 }, listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
};

function expressApp(opts: ServerOptions) {
  const app = express();
  const who = (req: express.Request, res: express.Response) => {
    const { auth } = req as AuthorizedRequest<express.Request>;
    const token = String(req.headers.authorization).slice(7);
    res.json({ sub: auth.claims.sub, tokenKept: JSON.stringify(auth).includes(token) });
  };
  app.get('/reports', requirePermission('read:reports', opts), who);
  app.delete('/reports/:id', requirePermission('delete:reports and not archived', opts), who);
  app.get(
    '/down',
    requirePermission('read:reports', { ...opts, issuer: 'http://127.0.0.1:9/' }),
    who,
  );
  return app;
}

/** A Fetch API app (what Hono, Next.js route handlers and Workers run) behind node:http. */
function fetchApp(opts: ServerOptions): RequestListener {
  const routes: Record<string, [string, ServerOptions]> = {
    'GET /reports': ['read:reports', opts],
    'DELETE /reports/q3': ['delete:reports and not archived', opts],
    'GET /down': ['read:reports', { ...opts, issuer: 'http://127.0.0.1:9/' }],
  };
  const handle = async (request: Request) => {
    const [expression, routeOptions] =
      routes[`${request.method} ${new URL(request.url).pathname}`]!;
    const auth = await authorize(request, expression, routeOptions);
    if (auth instanceof Response) return auth;
    return Response.json({ sub: auth.claims.sub });
  };
  return async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    const response = await handle(
      new Request(`http://localhost${req.url}`, { method: req.method ?? 'GET', headers }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

/** Plain node:http awaiting the middleware's boolean. */
function nodeApp(opts: ServerOptions): RequestListener {
  const routes: Record<string, PermissionMiddleware> = {
    'GET /reports': requirePermission('read:reports', opts),
    'DELETE /reports/q3': requirePermission('delete:reports and not archived', opts),
    'GET /down': requirePermission('read:reports', { ...opts, issuer: 'http://127.0.0.1:9/' }),
  };
  return async (req, res) => {
    const guard = routes[`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`]!;
    if (!(await guard(req, res, () => {}))) return;
    const { auth } = req as AuthorizedRequest<typeof req>;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ sub: auth.claims.sub }));
  };
}

const apps: Record<string, string> = {};

beforeAll(async () => {
  const key = await signingKey();
  tenant = await startTenant({ privateKey: key.privateJwk });
  tenantKey = { kid: key.kid, privateKey: (await importJWK(key.privateJwk, 'RS256')) as CryptoKey };
  options = { domain: tenant.url, audience: AUDIENCE, logger: (f) => void logged.push(f) };
  const viewer = await passwordToken(tenant, 'viewer@example.com');
  const editor = await passwordToken(tenant, 'admin@example.com');
  const opaque = await passwordToken(tenant, 'viewer@example.com', { audience: '' });
  tokens.viewer = viewer.body.access_token;
  tokens.id = viewer.body.id_token;
  tokens.editor = editor.body.access_token;
  tokens.opaque = opaque.body.access_token;
  apps.express = await listen(expressApp(options) as unknown as RequestListener);
  apps.fetch = await listen(fetchApp(options));
  apps['node:http'] = await listen(nodeApp(options));
}, 30_000);
afterAll(async () => {
  for (const s of servers) s.close();
  await tenant.close();
});

describe.each(['express', 'fetch', 'node:http'])('%s over HTTP', (name) => {
  const call = (path: string, token?: string, method = 'GET') =>
    fetch(`${apps[name]}${path}`, {
      method,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  const refused = async (res: Response) => ({
    status: res.status,
    challenge: res.headers.get('www-authenticate'),
    body: await res.json(),
  });

  it('200 for a real access token holding the permission; the handler sees the claims', async () => {
    const res = await call('/reports', tokens.viewer);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.sub).toMatch(/^auth0\|/);
    expect(body.tokenKept ?? false).toBe(false);
  });

  it('401 without a token: a Bearer challenge with no error code (RFC 6750 §3.1)', async () => {
    const { status, challenge, body } = await refused(await call('/reports'));
    expect(status).toBe(401);
    expect(challenge).toBe(`Bearer realm="${AUDIENCE}"`);
    expect(body).toMatchObject({ code: 'NO_TOKEN' });
    expect(body.error).toBeUndefined();
  });

  it('ignores a token in the query string', async () => {
    const res = await call(`/reports?access_token=${tokens.viewer}`);
    expect(await refused(res)).toMatchObject({ status: 401, body: { code: 'NO_TOKEN' } });
  });

  it('403 insufficient_scope when the expression does not hold', async () => {
    const { status, challenge, body } = await refused(
      await call('/reports/q3', tokens.viewer, 'DELETE'),
    );
    expect(status).toBe(403);
    expect(challenge).toBe(`Bearer realm="${AUDIENCE}", error="insufficient_scope"`);
    expect(body).toMatchObject({
      error: 'insufficient_scope',
      code: 'PERMISSION_DENIED',
      required: 'delete:reports and not archived',
    });
    expect((await call('/reports/q3', tokens.editor, 'DELETE')).status).toBe(200);
  });

  it.each([
    ['opaque', 'OPAQUE_TOKEN'],
    ['id', 'ID_TOKEN_USED'],
  ] as const)(
    '401 invalid_token for the %s token from the tenant → %s, token never echoed',
    async (kind, code) => {
      const res = await call('/reports', tokens[kind]);
      const text = await res.text();
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe(
        `Bearer realm="${AUDIENCE}", error="invalid_token"`,
      );
      expect(JSON.parse(text)).toMatchObject({ error: 'invalid_token', code });
      expect(JSON.parse(text).fix).toBeTruthy();
      expect(text).not.toContain(tokens[kind].slice(-40));
    },
  );

  it('401 ALGORITHM_NOT_ALLOWED for alg: none claiming every permission', async () => {
    const forged = unsigned(
      { alg: 'none' },
      {
        iss: `${tenant.url}/`,
        aud: AUDIENCE,
        exp: Date.now() / 1000 + 600,
        permissions: ['delete:reports'],
      },
    );
    const res = await call('/reports/q3', forged, 'DELETE');
    expect(await refused(res)).toMatchObject({
      status: 401,
      body: { code: 'ALGORITHM_NOT_ALLOWED' },
    });
  });

  // Validly signed, with a time no Date can hold or no number at all: a coded 401, never a 500.
  it.each([
    [
      'nbf: now + 1e13 (after any date)',
      'TOKEN_NOT_YET_VALID',
      `"nbf":${Date.now() / 1000 + 1e13}`,
    ],
    ['exp: -1e13 (before any date)', 'TOKEN_EXPIRED', '"exp":-1e13'],
    ['nbf: 1e400 (Infinity)', 'MALFORMED_TOKEN', '"nbf":1e400'],
    ['exp: 1e400 (Infinity)', 'MALFORMED_TOKEN', '"exp":1e400'],
  ])('a signed token with %s: 401 %s', async (_name, code, json) => {
    const claim = json.slice(1, 4);
    const token = await signText(tenantKey, `${tenant.url}/`, json, { [claim]: undefined });
    const res = await call('/reports', token);
    expect(await refused(res)).toMatchObject({
      status: 401,
      challenge: `Bearer realm="${AUDIENCE}", error="invalid_token"`,
      body: { error: 'invalid_token', code },
    });
  });

  it('a 64 KB Authorization header: 401 TOKEN_TOO_LARGE, unparsed', async () => {
    const res = await call('/reports', `${tokens.viewer}${'A'.repeat(64 * 1024)}`);
    expect(await refused(res)).toMatchObject({ status: 401, body: { code: 'TOKEN_TOO_LARGE' } });
  });

  it('503 JWKS_UNAVAILABLE with Retry-After when the key set cannot be fetched', async () => {
    const res = await call('/down', tokens.viewer);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('10');
    expect(await res.json()).toMatchObject({
      error: 'temporarily_unavailable',
      code: 'JWKS_UNAVAILABLE',
    });
  });

  it('hands every refusal to the logger: code and fix, never the token', async () => {
    logged.length = 0;
    await call('/reports', tokens.opaque);
    expect(logged).toEqual([
      expect.objectContaining({ code: 'OPAQUE_TOKEN', status: 401, fix: expect.any(String) }),
    ]);
    expect(JSON.stringify(logged)).not.toContain(tokens.opaque.slice(-40));
  });
});

describe('setup errors are thrown at creation, not per request', () => {
  it('a bad expression throws ERR_EXPRESSION_SYNTAX from requirePermission(...)', () => {
    expect(() => requirePermission('read:reports delete:reports', options)).toThrow(
      expect.objectContaining({ code: 'ERR_EXPRESSION_SYNTAX' }),
    );
  });

  it('missing audience or domain throws ERR_INVALID_OPTIONS from requirePermission(...)', () => {
    expect(() =>
      requirePermission('read:reports', { domain: tenant.url } as ServerOptions),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }));
    expect(() => requirePermission('read:reports', { audience: AUDIENCE })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
    );
  });

  it('authorize rejects with the same codes', async () => {
    const request = new Request('http://localhost/', {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    await expect(authorize(request, 'read:reports (', options)).rejects.toMatchObject({
      code: 'ERR_EXPRESSION_SYNTAX',
    });
  });
});

describe('the default logger', () => {
  it('warns once per code, with the fix and without the token', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const opts = { domain: tenant.url, audience: AUDIENCE };
    const request = () =>
      new Request('http://localhost/', { headers: { authorization: `Bearer ${tokens.opaque}` } });
    for (let i = 0; i < 3; i++)
      expect(await authorize(request(), 'read:reports', opts)).toBeInstanceOf(Response);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/OPAQUE_TOKEN \(401\).*Fix: /);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(tokens.opaque.slice(-40));
    warn.mockRestore();
  });
});
