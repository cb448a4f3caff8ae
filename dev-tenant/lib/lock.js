// @ts-check
import { createRequire } from 'node:module';
import { originAllowed, patchFixture } from './fixture.js';
import { HttpError, scriptJson, sendJson, sendText } from './http.js';
import { randomId } from './state.js';
import { findUser } from './tokens.js';

/**
 * The endpoints Lock (auth0-js inside it) needs besides /authorize: client settings, the
 * language dictionary, cross-origin login and database signup.
 * @typedef {import('./tokens.js').Tenant} Tenant
 * @typedef {import('./context.js').Context} Context
 */

export const DATABASE_CONNECTION = 'Username-Password-Authentication';
const require = createRequire(import.meta.url);
const JS = 'application/javascript; charset=utf-8';

/** GET /client/CLIENT_ID.js. @param {Tenant} tenant @param {Context} ctx @param {string} clientId */
export function handleClientScript(tenant, ctx, clientId) {
  const client = tenant.fixture.applications.find((a) => a.clientId === clientId);
  if (!client)
    return sendText(ctx.res, 404, `/* Unknown client: ${clientId.replace(/\*\//g, '')} */\n`, JS);
  const settings = {
    id: client.clientId,
    tenant: 'dev-tenant',
    subscription: 'free',
    authorize: `${tenant.url}/authorize`,
    callback: client.callbacks[0] ?? '',
    hasAllowedOrigins: true,
    strategies: [
      {
        name: 'auth0',
        connections: [
          {
            name: DATABASE_CONNECTION,
            forgot_password_url: `${tenant.url}/lo/forgot?wtrealm=urn:auth0:dev-tenant:${DATABASE_CONNECTION}`,
            signup_url: `${tenant.url}/lo/signup?wtrealm=urn:auth0:dev-tenant:${DATABASE_CONNECTION}`,
            passwordPolicy: 'none',
            showSignup: true,
            showForgot: true,
            requires_username: false,
          },
        ],
      },
    ],
  };
  return sendText(ctx.res, 200, `Auth0.setClient(${scriptJson(settings)});\n`, JS);
}

/** GET /js/lock/VERSION/LANG.js. @param {Context} ctx @param {string} language */
export function handleLanguage(ctx, language) {
  if (!/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(language)) {
    return sendText(ctx.res, 404, '/* Unknown language */\n', JS);
  }
  let dictionary;
  try {
    dictionary = require(`auth0-lock/lib/i18n/${language}.js`).default;
  } catch {
    // Without auth0-lock installed, English still works: Lock merges this into its own default.
    if (language !== 'en') return sendText(ctx.res, 404, '/* Unknown language */\n', JS);
    dictionary = {};
  }
  return sendText(
    ctx.res,
    200,
    `Auth0.registerLanguageDictionary(${scriptJson(language)}, ${scriptJson(dictionary)});\n`,
    JS,
  );
}

/** POST /co/authenticate. @param {Tenant} tenant @param {Context} ctx */
export function handleCrossOriginAuthenticate(tenant, ctx) {
  const p = ctx.params;
  const client = allowedClient(tenant, ctx);
  if (ctx.fault?.oauthError)
    return sendJson(ctx.res, ctx.fault.status ?? 403, ctx.fault.oauthError);
  if (!p.username)
    throw new HttpError(400, 'invalid_request', 'Missing required parameter: username');
  if (!p.password)
    throw new HttpError(400, 'invalid_request', 'Missing required parameter: password');
  if (p.realm && p.realm !== DATABASE_CONNECTION) {
    throw new HttpError(400, 'invalid_request', `Unknown connection: ${p.realm}`);
  }
  const user = findUser(tenant.fixture, p.username);
  if (!user || user.password !== p.password) {
    throw new HttpError(403, 'access_denied', 'Wrong email or password.');
  }
  const ticket = randomId(24);
  tenant.state.tickets.set(ticket, { email: user.email, clientId: client.clientId });
  return sendJson(ctx.res, 200, {
    login_ticket: ticket,
    co_verifier: randomId(24),
    co_id: randomId(9),
  });
}

/** POST /dbconnections/signup: adds a user without roles to the live fixture. */
export function handleSignup(/** @type {Tenant} */ tenant, /** @type {Context} */ ctx) {
  const p = ctx.params;
  allowedClient(tenant, ctx);
  if (p.connection !== DATABASE_CONNECTION) {
    return signupError(ctx, 400, 'invalid_connection', `Unknown connection: ${p.connection ?? ''}`);
  }
  const email = (p.email ?? '').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    return signupError(ctx, 400, 'invalid_signup', 'Invalid email');
  if (!p.password) return signupError(ctx, 400, 'invalid_password', 'Password is required');
  if (findUser(tenant.fixture, email)) {
    return signupError(ctx, 400, 'user_exists', 'The user already exists.');
  }
  tenant.fixture = patchFixture(tenant.fixture, {
    users: [{ email, password: p.password, name: email, roles: [] }],
  });
  const user = /** @type {import('./fixture.js').User} */ (findUser(tenant.fixture, email));
  return sendJson(ctx.res, 200, {
    _id: user.userId.replace(/^auth0\|/, ''),
    email,
    email_verified: false,
  });
}

/** POST /dbconnections/change_password. @param {Tenant} tenant @param {Context} ctx */
export function handleChangePassword(tenant, ctx) {
  allowedClient(tenant, ctx);
  return sendText(ctx.res, 200, "We've just sent you an email to reset your password.");
}

/**
 * The client of a cross-origin call, which must come from one of its allowed web origins.
 * @param {Tenant} tenant @param {Context} ctx
 */
function allowedClient(tenant, ctx) {
  const clientId = ctx.params.client_id;
  if (!clientId)
    throw new HttpError(400, 'invalid_request', 'Missing required parameter: client_id');
  const client = tenant.fixture.applications.find((a) => a.clientId === clientId);
  if (!client) throw new HttpError(401, 'unauthorized_client', `Unknown client: ${clientId}`);
  if (ctx.origin && !originAllowed([...client.webOrigins, ...client.callbacks], ctx.origin)) {
    throw new HttpError(
      403,
      'access_denied',
      `Origin ${ctx.origin} is not allowed for ${clientId}`,
    );
  }
  return client;
}

/** Auth0's database-connection error shape (Lock reads `code`), plus the OAuth pair. */
function signupError(/** @type {Context} */ ctx, status = 400, code = '', description = '') {
  return sendJson(ctx.res, status, {
    name: 'BadRequestError',
    code,
    description,
    statusCode: status,
    error: code,
    error_description: description,
  });
}
