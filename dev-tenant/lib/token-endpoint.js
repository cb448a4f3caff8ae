// @ts-check
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError, sendJson } from './http.js';
import { findUser, grantedScope, mintTokens, resolveAudience, splitScope } from './tokens.js';

/**
 * @typedef {import('./tokens.js').Tenant} Tenant
 * @typedef {import('./context.js').Context} Context
 * @typedef {import('./fixture.js').User} User
 * @typedef {import('./fixture.js').Application} Application
 */

const PASSWORD_GRANTS = new Set(['password', 'http://auth0.com/oauth/grant-type/password-realm']);

/** POST /oauth/token. @param {Tenant} tenant @param {Context} ctx */
export async function handleToken(tenant, ctx) {
  const p = ctx.params;
  if (ctx.fault?.oauthError) {
    const { error } = ctx.fault.oauthError;
    const status =
      ctx.fault.status ??
      (error === 'invalid_grant' ? 403 : error === 'too_many_requests' ? 429 : 400);
    return sendJson(ctx.res, status, ctx.fault.oauthError);
  }
  if (!p.grant_type) throw invalidRequest('grant_type');
  const client = findClient(tenant, ctx);
  const grant = PASSWORD_GRANTS.has(p.grant_type) ? 'password' : p.grant_type;
  if (!['authorization_code', 'refresh_token', 'password'].includes(grant)) {
    throw new HttpError(400, 'unsupported_grant_type', `Unsupported grant type: ${p.grant_type}`);
  }
  if (!client.grantTypes.includes(grant)) {
    throw new HttpError(
      403,
      'unauthorized_client',
      `Grant type '${p.grant_type}' not allowed for the client.`,
    );
  }
  const body =
    grant === 'authorization_code'
      ? await codeGrant(tenant, ctx, client)
      : grant === 'refresh_token'
        ? await refreshGrant(tenant, ctx, client)
        : await passwordGrant(tenant, ctx, client);
  return sendJson(ctx.res, 200, body);
}

/** POST /oauth/revoke: what auth0-spa-js `revokeRefreshToken()` calls. @param {Tenant} tenant @param {Context} ctx */
export function handleRevoke(tenant, ctx) {
  if (ctx.fault?.oauthError)
    return sendJson(ctx.res, ctx.fault.status ?? 400, ctx.fault.oauthError);
  const client = findClient(tenant, ctx);
  if (!ctx.params.token) throw invalidRequest('token');
  const familyId = tenant.state.refreshTokens.get(ctx.params.token);
  const family = familyId ? tenant.state.families.get(familyId) : undefined;
  if (family && family.clientId === client.clientId) tenant.state.revoke(ctx.params.token);
  ctx.res.writeHead(200, { 'content-length': '0', 'cache-control': 'no-store' });
  ctx.res.end();
}

/** @param {Tenant} tenant @param {Context} ctx @returns {Application} */
function findClient(tenant, ctx) {
  let clientId = ctx.params.client_id;
  const auth = ctx.req.headers.authorization;
  if (!clientId && typeof auth === 'string' && auth.startsWith('Basic ')) {
    clientId = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0];
  }
  if (!clientId) throw invalidRequest('client_id');
  const client = tenant.fixture.applications.find((a) => a.clientId === clientId);
  if (!client) throw new HttpError(401, 'invalid_client', `Unknown client: ${clientId}`);
  return client;
}

/** @param {Tenant} tenant @param {Context} ctx @param {Application} client */
async function codeGrant(tenant, ctx, client) {
  const p = ctx.params;
  if (!p.code) throw invalidRequest('code');
  const code = tenant.state.codes.take(p.code);
  if (!code || code.clientId !== client.clientId) {
    throw new HttpError(403, 'invalid_grant', 'Invalid authorization code');
  }
  if (p.redirect_uri !== undefined && p.redirect_uri !== code.redirectUri) {
    throw new HttpError(
      403,
      'invalid_grant',
      'Invalid redirect_uri: it does not match the one used at /authorize',
    );
  }
  if (code.codeChallenge) {
    if (!p.code_verifier) throw invalidRequest('code_verifier');
    if (!pkceMatches(code.codeChallenge, code.codeChallengeMethod, p.code_verifier)) {
      throw new HttpError(403, 'invalid_grant', 'Failed to verify code verifier');
    }
  } else if (!p.client_secret) {
    throw new HttpError(
      403,
      'invalid_grant',
      'PKCE is required: the authorization request had no code_challenge',
    );
  }
  const user = findUser(tenant.fixture, code.email);
  if (!user) throw new HttpError(403, 'invalid_grant', 'The user no longer exists');
  const audience = resolveAudience(tenant, code.audience);
  if (audience.kind === 'unknown') {
    throw new HttpError(403, 'access_denied', `Service not found: ${code.audience}`);
  }
  const tokens = await mintTokens(tenant, {
    client,
    user,
    audience,
    audienceId: code.audience,
    scope: code.scope,
    nonce: code.nonce,
    orgId: code.orgId,
    sid: code.sid,
    authTime: code.authTime,
    maxAge: code.maxAge,
    accessToken: true,
    idToken: true,
    tokenFault: ctx.fault?.token ?? code.tokenFault,
  });
  return withRefreshToken(tenant, client, tokens, {
    email: user.email,
    audience: code.audience,
    scope: code.requestedScope,
    orgId: code.orgId,
    sid: code.sid,
  });
}

/** @param {Tenant} tenant @param {Context} ctx @param {Application} client */
async function refreshGrant(tenant, ctx, client) {
  const p = ctx.params;
  if (!p.refresh_token) throw invalidRequest('refresh_token');
  const rotated = tenant.state.rotate(p.refresh_token);
  const unknown = () => new HttpError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
  if (!rotated || rotated.family.clientId !== client.clientId) throw unknown();
  const { family, next } = rotated;
  const user = findUser(tenant.fixture, family.email);
  if (!user) throw unknown();
  const audience = resolveAudience(tenant, family.audience);
  if (audience.kind === 'unknown') {
    throw new HttpError(403, 'access_denied', `Service not found: ${family.audience}`);
  }
  let requested = family.scope;
  if (p.scope) {
    const original = new Set(splitScope(family.scope));
    requested = splitScope(p.scope)
      .filter((s) => original.has(s))
      .join(' ');
  }
  const scope = grantedScope(tenant, user, audience, requested, family.orgId);
  const tokens = await mintTokens(tenant, {
    client,
    user,
    audience,
    audienceId: family.audience,
    scope,
    orgId: family.orgId,
    sid: family.sid,
    accessToken: true,
    idToken: true,
    tokenFault: ctx.fault?.token ?? null,
  });
  return { ...tokens, refresh_token: next };
}

/** @param {Tenant} tenant @param {Context} ctx @param {Application} client */
async function passwordGrant(tenant, ctx, client) {
  const p = ctx.params;
  if (!p.username) throw invalidRequest('username');
  if (!p.password) throw invalidRequest('password');
  const user = findUser(tenant.fixture, p.username);
  if (!user || user.password !== p.password) {
    throw new HttpError(403, 'invalid_grant', 'Wrong email or password.');
  }
  const audienceId = p.audience || null;
  const audience = resolveAudience(tenant, audienceId);
  if (audience.kind === 'unknown') {
    throw new HttpError(403, 'access_denied', `Service not found: ${audienceId}`);
  }
  const requested = p.scope ?? 'openid profile email';
  const scope = grantedScope(tenant, user, audience, requested, null);
  const tokens = await mintTokens(tenant, {
    client,
    user,
    audience,
    audienceId,
    scope,
    accessToken: true,
    idToken: true,
    tokenFault: ctx.fault?.token ?? null,
  });
  return withRefreshToken(tenant, client, tokens, {
    email: user.email,
    audience: audienceId,
    scope: requested,
    orgId: null,
    sid: '',
  });
}

/**
 * Adds a refresh token (a new family) when `offline_access` was granted. The family keeps the
 * requested scope, so a refresh re-applies the RBAC rules to the roles of that moment.
 * @param {Tenant} tenant @param {Application} client
 * @param {Awaited<ReturnType<typeof mintTokens>>} tokens
 * @param {{ email: string, audience: string | null, scope: string, orgId: string | null, sid: string }} grant
 */
function withRefreshToken(tenant, client, tokens, grant) {
  if (!splitScope(tokens.scope).includes('offline_access')) return tokens;
  if (!client.grantTypes.includes('refresh_token')) return tokens;
  const refresh_token = tenant.state.startFamily({ ...grant, clientId: client.clientId });
  return { ...tokens, refresh_token };
}

/** @param {string} challenge @param {string | null} method @param {string} verifier */
function pkceMatches(challenge, method, verifier) {
  const expected =
    method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(expected);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** @param {string} name */
function invalidRequest(name) {
  return new HttpError(400, 'invalid_request', `Missing required parameter: ${name}`);
}
