#!/usr/bin/env node
// Access-token verification on a server, warm key set, in one process: ours (the BUILT
// dist/server/index.js: verifyAccessToken, and requirePermission as Express middleware) against
// express-oauth2-jwt-bearer's `auth()` + `claimIncludes()` on the SAME tokens from the stand-in
// tenant. Every sample verifies BATCH tokens (RS256 signature, iss, aud, exp) and checks one
// permission; ops/s = BATCH / median sample time; the median of the round medians is reported.
// `node bench/server.js` prints the table and rewrites its section of bench/RESULTS.md;
// bench/run.js calls runServerBench() for its own RESULTS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auth, claimIncludes } from 'express-oauth2-jwt-bearer';
import { Bench } from 'tinybench';
import { startDevTenant } from '../dev-tenant/server.js';
import { requirePermission, verifyAccessToken } from '../dist/server/index.js';

const BATCH = 50;
const AUDIENCE = 'https://reports.example.com';
const USERS = ['viewer@example.com', 'editor@example.com', 'admin@example.com'];

async function tokensFrom(tenant) {
  const tokens = [];
  for (const username of USERS) {
    const res = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        client_id: 'auth0-permissions-demo',
        username,
        password: 'demo-password',
        audience: AUDIENCE,
        scope: 'openid',
      }),
    });
    const body = await res.json();
    if (!body.access_token) throw new Error(`no token for ${username}: ${JSON.stringify(body)}`);
    tokens.push(body.access_token);
  }
  return tokens;
}

/** Runs an Express-style middleware to completion; rejects unless it called next(). */
const run = (middleware, token) =>
  new Promise((resolve, reject) => {
    const req = {
      method: 'GET',
      url: '/reports',
      originalUrl: '/reports',
      protocol: 'http',
      hostname: 'localhost',
      headers: { host: 'localhost', authorization: `Bearer ${token}` },
      query: {},
      is: () => false,
      get: (name) => req.headers[name.toLowerCase()],
    };
    const res = {
      statusCode: 200,
      setHeader() {},
      set() {},
      end: () => reject(new Error(`refused ${res.statusCode}`)),
    };
    middleware(req, res, (error) => (error ? reject(error) : resolve(req)));
  });

const chain = (first, second) => (req, res, next) =>
  first(req, res, (error) => (error ? next(error) : second(req, res, next)));

/** @returns {Promise<{ name: string, ours: number, peer: number }[]>} ops/s */
export async function runServerBench({ rounds = 3, time = 600 } = {}) {
  const tenant = await startDevTenant({ port: 0, quiet: true });
  try {
    const tokens = await tokensFrom(tenant);
    const issuer = `${tenant.url}/`;
    const options = { issuer, audience: AUDIENCE, logger: false };
    const middleware = requirePermission('read:reports', options);
    const peerAuth = auth({
      issuer,
      jwksUri: `${tenant.url}/.well-known/jwks.json`,
      audience: AUDIENCE,
      tokenSigningAlg: 'RS256',
    });
    const peer = chain(peerAuth, claimIncludes('permissions', 'read:reports'));
    // Warm both key sets (and check both accept every token) before timing.
    for (const token of tokens) {
      if (!(await verifyAccessToken(token, options)).check('read:reports'))
        throw new Error('ours refused a valid token');
      await run(middleware, token);
      await run(peer, token);
    }
    const batch = (fn) => async () => {
      for (let i = 0; i < BATCH; i++) await fn(tokens[i % tokens.length]);
    };
    const tasks = {
      verify: batch(async (t) => (await verifyAccessToken(t, options)).check('read:reports')),
      middleware: batch((t) => run(middleware, t)),
      peer: batch((t) => run(peer, t)),
    };
    const medians = { verify: [], middleware: [], peer: [] };
    for (let round = 0; round < rounds; round++) {
      const bench = new Bench({ time, warmup: true });
      for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
      await bench.run();
      for (const task of bench.tasks) medians[task.name].push(task.result.latency.p50);
    }
    const ops = (name) => {
      const sorted = medians[name].sort((a, b) => a - b);
      return (BATCH * 1000) / sorted[Math.floor(sorted.length / 2)];
    };
    return [
      { name: '`verifyAccessToken(token)` + `check`', ours: ops('verify'), peer: ops('peer') },
      {
        name: "`requirePermission('read:reports')` middleware",
        ours: ops('middleware'),
        peer: ops('peer'),
      },
    ];
  } finally {
    await tenant.close();
  }
}

const fmt = (n) => `${(n / 1000).toFixed(1)} k/s`;

/** The RESULTS.md section body. */
export function serverSection(rows) {
  return [
    `tinybench 6; the built \`dist/server/index.js\` against \`express-oauth2-jwt-bearer\` 1.10 (\`auth({ issuer, jwksUri, audience, tokenSigningAlg: 'RS256' })\` then \`claimIncludes('permissions', 'read:reports')\`), both as Express middleware called in-process (no sockets) on the same 3 RS256 access tokens from the stand-in tenant, key sets warm. Each sample verifies ${BATCH} tokens; median of 3 rounds. Both verify with jose (ours jose 6, the peer its own jose 4).`,
    '',
    '| benchmark | ours | peer | ratio (ours/peer) |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.ours)} | express-oauth2-jwt-bearer ${fmt(r.peer)} | ${(r.ours / r.peer).toFixed(2)}× |`,
    ),
  ].join('\n');
}

export const SERVER_TITLE = 'Server verification (Node, verifications/s, higher is better)';

if (import.meta.url === `file://${process.argv[1]}`) {
  const body = serverSection(await runServerBench());
  console.log(body);
  const file = join(import.meta.dirname, 'RESULTS.md');
  const doc = readFileSync(file, 'utf8');
  const section = `## ${SERVER_TITLE}\n\n${body}\n\n`;
  const start = doc.indexOf(`## ${SERVER_TITLE}`);
  const next = start < 0 ? -1 : doc.indexOf('\n## ', start + 3);
  const anchor = doc.indexOf('## Targets missed');
  writeFileSync(
    file,
    start >= 0
      ? `${doc.slice(0, start)}${section}${next < 0 ? '' : doc.slice(next + 1)}`
      : anchor >= 0
        ? `${doc.slice(0, anchor)}${section}${doc.slice(anchor)}`
        : `${doc}\n${section}`,
  );
}
