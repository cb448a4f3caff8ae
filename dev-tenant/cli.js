#!/usr/bin/env node
// @ts-check
import { parseArgs } from 'node:util';
import { ADMIN_SECRET_HEADER, FixtureError, NOT_AUTH0_NOTICE, startDevTenant } from './server.js';

const USAGE = `Usage: npm run tenant -- [--port 4400] [--config FILE] [--host HOST] [--quiet]

Starts the local Auth0 stand-in (NOT Auth0) that auth0-spa-js and Lock can log in against.
  --port N        port to listen on (default 4400; the next free one when busy; 0 = any)
  --config FILE   a fixture JSON file (default dev-tenant/tenant.json)
  --host HOST     listen on HOST instead of loopback (warns: the admin API is test-only)
  --public-url U  the URL apps use, when it is not http://localhost:PORT
  --no-admin      disable the /__admin API
  Environment: DEV_TENANT_ADMIN_SECRET fixes the admin secret (default: a random one per start)
  --quiet         do not print one line per request`;

/** @param {string} message */
function fail(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      config: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      'no-admin': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(/** @type {Error} */ (error).message);
}
if (args?.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = args?.port === undefined ? 4400 : Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be 0-65535, got ${args?.port}`);

try {
  const tenant = await startDevTenant({
    port,
    quiet: true,
    logRequests: !args?.quiet,
    ...(args?.config ? { config: args.config } : {}),
    ...(args?.host ? { host: args.host } : {}),
    ...(args?.['public-url'] ? { publicUrl: args['public-url'] } : {}),
    adminApi: !args?.['no-admin'],
    ...(process.env.DEV_TENANT_ADMIN_SECRET
      ? { adminSecret: process.env.DEV_TENANT_ADMIN_SECRET }
      : {}),
  });
  const info = await tenant.admin.info().catch(() => null);
  const users = info?.users ?? [];
  console.log(`${NOT_AUTH0_NOTICE} listening on ${tenant.url}

  Paste into your app:
    domain     ${tenant.url}
    clientId   ${info?.clientId ?? '(see the fixture)'}
    audience   ${info?.audience ?? '(see the fixture)'}

  issuer       ${tenant.issuer}
  users        ${users.map((/** @type {{ email: string }} */ u) => u.email).join(', ')}
  passwords    see the fixture (the shipped one uses demo-password for everyone)
  admin API    ${
    args?.['no-admin']
      ? 'disabled'
      : `${tenant.url}/__admin (test-only)
  admin secret ${tenant.adminSecret}  (header ${ADMIN_SECRET_HEADER}; createAdminClient(url, secret))`
  }
${port !== 0 && tenant.port !== port ? `\n  (port ${port} was busy; took ${tenant.port})\n` : ''}
Press Ctrl+C to stop.`);
  const stop = () => {
    tenant.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof FixtureError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(`[dev-tenant] could not start: ${/** @type {Error} */ (error).message}`);
  process.exit(1);
}
