// @ts-check
import { createLocalJWKSet, jwtVerify } from 'jose';
import { currentSession } from './authorize.js';
import { urlAllowed } from './fixture.js';
import { cookie, HttpError, redirect, sendHtml, sendJson, sendText } from './http.js';
import { decryptOpaque, jwks } from './keys.js';
import { avatarSvg, errorPage, loggedOutPage, PAGE_CSP, STYLES } from './pages.js';
import { actionClaims, profileClaims, splitScope } from './tokens.js';

/**
 * @typedef {import('./authorize.js').Tenant} Tenant
 * @typedef {import('./context.js').Context} Context
 */

/** GET /.well-known/openid-configuration. @param {Tenant} tenant @param {Context} ctx */
export function handleDiscovery(tenant, ctx) {
  const base = tenant.url;
  sendJson(ctx.res, 200, {
    issuer: tenant.issuer,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/oauth/token`,
    userinfo_endpoint: `${base}/userinfo`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    end_session_endpoint: `${base}/oidc/logout`,
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    response_types_supported: ['code', 'token', 'id_token', 'token id_token'],
    response_modes_supported: ['query', 'fragment', 'form_post', 'web_message'],
    grant_types_supported: [
      'authorization_code',
      'implicit',
      'refresh_token',
      'password',
      'http://auth0.com/oauth/grant-type/password-realm',
    ],
    code_challenge_methods_supported: ['S256', 'plain'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
    claims_supported: [
      'aud',
      'auth_time',
      'email',
      'email_verified',
      'exp',
      'iat',
      'iss',
      'name',
      'nickname',
      'picture',
      'sub',
      'org_id',
      'org_name',
    ],
    request_uri_parameter_supported: false,
  });
}

/** GET /.well-known/jwks.json. @param {Tenant} tenant @param {Context} ctx */
export function handleJwks(tenant, ctx) {
  sendJson(ctx.res, 200, jwks(tenant.keys), { 'cache-control': 'public, max-age=60' });
}

/** GET|POST /userinfo. @param {Tenant} tenant @param {Context} ctx */
export async function handleUserinfo(tenant, ctx) {
  const header = ctx.req.headers.authorization;
  const token =
    typeof header === 'string' && /^bearer /i.test(header) ? header.slice(7).trim() : '';
  if (!token) throw unauthorized('Missing access token');
  const claims = await readAccessToken(tenant, token);
  if (!claims) throw unauthorized('Invalid or expired access token');
  const user = tenant.fixture.users.find((u) => u.userId === claims.sub);
  if (!user) throw unauthorized('Unknown user');
  const scopes = splitScope(claims.scope);
  sendJson(ctx.res, 200, {
    sub: user.userId,
    ...profileClaims(tenant, user, scopes),
    ...actionClaims(tenant.fixture, user, claims.org_id ?? null, 'idToken', null),
  });
}

/**
 * The claims of an access token /userinfo accepts: our encrypted opaque token, or a JWT we
 * signed whose audience includes /userinfo. Expired tokens are refused.
 * @param {Tenant} tenant @param {string} token @returns {Promise<Record<string, any> | null>}
 */
async function readAccessToken(tenant, token) {
  const now = Math.floor(Date.now() / 1000);
  if (token.split('.').length === 5) {
    const claims = await decryptOpaque(tenant.keys, token);
    return claims && typeof claims.exp === 'number' && claims.exp > now ? claims : null;
  }
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks(tenant.keys)), {
      issuer: tenant.issuer,
      audience: `${tenant.issuer}userinfo`,
      algorithms: ['RS256'],
    });
    return payload;
  } catch {
    return null;
  }
}

/** @param {string} description */
function unauthorized(description) {
  const error = new HttpError(401, 'invalid_token', description);
  return Object.assign(error, { headers: { 'www-authenticate': `Bearer error="invalid_token"` } });
}

/**
 * GET /v2/logout (and /oidc/logout): ends the session, then goes to an allowed returnTo.
 * @param {Tenant} tenant @param {Context} ctx
 */
export function handleLogout(tenant, ctx) {
  const p = ctx.params;
  const returnTo = p.returnTo ?? p.post_logout_redirect_uri ?? null;
  const session = currentSession(tenant, ctx);
  if (session) tenant.state.sessions.delete(session.sid);
  const clear = { 'set-cookie': cookie(tenant.cookieName, '', { maxAge: 0 }) };
  const apps = p.client_id
    ? tenant.fixture.applications.filter((a) => a.clientId === p.client_id)
    : tenant.fixture.applications;
  if (returnTo) {
    if (apps.some((a) => urlAllowed(a.logoutUrls, returnTo)))
      return redirect(ctx.res, returnTo, clear);
    return sendHtml(
      ctx.res,
      400,
      errorPage(
        'Invalid returnTo',
        `The "returnTo" parameter "${returnTo}" is not in the Allowed Logout URLs${p.client_id ? ` of ${p.client_id}` : ''}.`,
      ),
      { ...clear, 'content-security-policy': PAGE_CSP },
    );
  }
  return sendHtml(ctx.res, 200, loggedOutPage(), { ...clear, 'content-security-policy': PAGE_CSP });
}

/** GET /avatars/NAME.svg: a local picture, so profile claims never point off this machine. */
export function handleAvatar(/** @type {Context} */ ctx, /** @type {string} */ name) {
  const initials =
    name
      .replace(/[^a-z]/gi, '')
      .slice(0, 2)
      .toUpperCase() || '?';
  sendText(ctx.res, 200, avatarSvg(initials), 'image/svg+xml');
}

/** GET /u/styles.css. @param {Context} ctx */
export function handleStyles(ctx) {
  sendText(ctx.res, 200, STYLES, 'text/css; charset=utf-8');
}
