// @ts-check
import { originAllowed, urlAllowed } from './fixture.js';
import { cookie, redirect, sendHtml } from './http.js';
import { errorPage, formPostPage, loginPage, PAGE_CSP, webMessagePage } from './pages.js';
import { randomId } from './state.js';
import { findUser, grantedScope, mintTokens, resolveAudience } from './tokens.js';

/**
 * @typedef {import('./tokens.js').Tenant & { cookieName: string }} Tenant
 * @typedef {import('./context.js').Context} Context
 * @typedef {import('./fixture.js').User} User
 * @typedef {{ client: import('./fixture.js').Application, redirectUri: string,
 *   responseTypes: Set<string>, responseMode: string, state: string | null,
 *   nonce: string | null, scope: string, audienceId: string | null,
 *   audience: import('./tokens.js').Audience, codeChallenge: string | null,
 *   codeChallengeMethod: string | null, prompt: string | null, orgId: string | null,
 *   orgName: string | null, maxAge: string | null, params: Record<string, string>,
 *   tokenFault: string | null }} AuthRequest
 * @typedef {{ error: string, error_description: string }} OAuthError
 */

const MODES = new Set(['query', 'fragment', 'form_post', 'web_message']);
const RESPONSE_TYPES = new Set(['code', 'token', 'id_token', 'id_token token']);

/**
 * Checks an /authorize request. Problems that make the redirect_uri untrustworthy come back
 * as `page` (shown, never redirected); the rest as `error`, delivered to the app.
 * @param {Tenant} tenant @param {Record<string, string>} p
 * @returns {{ page: { status: number, title: string, message: string } }
 *   | { request: AuthRequest, error: OAuthError | null }}
 */
export function parseAuthorize(tenant, p) {
  const page = (/** @type {string} */ message, status = 400) => ({
    page: { status, title: 'Something went wrong', message },
  });
  if (!p.client_id) return page('Missing required parameter: client_id');
  const client = tenant.fixture.applications.find((a) => a.clientId === p.client_id);
  if (!client) return page(`Unknown client: ${p.client_id}`);
  if (!p.redirect_uri) return page('Missing required parameter: redirect_uri');
  const mode = p.response_mode ?? null;
  if (mode !== null && !MODES.has(mode)) return page(`Unsupported response_mode: ${mode}`);
  const allowed =
    urlAllowed(client.callbacks, p.redirect_uri) ||
    (mode === 'web_message' && originAllowed(client.webOrigins, safeOrigin(p.redirect_uri)));
  if (!allowed) {
    return page(
      `Callback URL mismatch. ${p.redirect_uri} is not in the list of allowed callback URLs of ${client.clientId}`,
    );
  }
  const types = (p.response_type ?? '').split(/\s+/).filter(Boolean).sort();
  const responseTypes = new Set(types);
  const implicit = responseTypes.has('token') || responseTypes.has('id_token');
  const audienceId = p.audience || null;
  const orgParam = p.organization || null;
  const org = orgParam
    ? (tenant.fixture.organizations.find((o) => o.id === orgParam || o.name === orgParam) ?? null)
    : null;
  /** @type {AuthRequest} */
  const request = {
    client,
    redirectUri: p.redirect_uri,
    responseTypes,
    responseMode: mode ?? (implicit ? 'fragment' : 'query'),
    state: p.state ?? null,
    nonce: p.nonce ?? null,
    scope: p.scope ?? 'openid',
    audienceId,
    audience: resolveAudience(tenant, audienceId),
    codeChallenge: p.code_challenge ?? null,
    codeChallengeMethod: p.code_challenge ? (p.code_challenge_method ?? 'plain') : null,
    prompt: p.prompt ?? null,
    orgId: org?.id ?? null,
    orgName: org?.name ?? null,
    maxAge: p.max_age ?? null,
    params: p,
    tokenFault: null,
  };
  const fail = (/** @type {string} */ error, /** @type {string} */ description) => ({
    request,
    error: { error, error_description: description },
  });
  if (!p.response_type) return fail('invalid_request', 'Missing required parameter: response_type');
  if (!RESPONSE_TYPES.has(types.join(' '))) {
    return fail('unsupported_response_type', `Unsupported response type: ${p.response_type}`);
  }
  const grant = responseTypes.has('code') ? 'authorization_code' : 'implicit';
  if (!client.grantTypes.includes(grant)) {
    return fail('unauthorized_client', `Grant type '${grant}' not allowed for the client.`);
  }
  if (responseTypes.has('id_token') && !request.nonce) {
    return fail('invalid_request', 'Missing required parameter: nonce');
  }
  if (request.codeChallengeMethod && !['S256', 'plain'].includes(request.codeChallengeMethod)) {
    return fail('invalid_request', 'Unsupported code_challenge_method, use S256');
  }
  if (request.audience.kind === 'unknown') {
    return fail('access_denied', `Service not found: ${audienceId}`);
  }
  if (orgParam && !org) {
    return fail('invalid_request', `parameter organization is invalid: ${orgParam}`);
  }
  return { request, error: null };
}

/** GET /authorize. @param {Tenant} tenant @param {Context} ctx */
export async function handleAuthorize(tenant, ctx) {
  const parsed = parseAuthorize(tenant, ctx.params);
  if ('page' in parsed) return showPage(ctx, parsed.page);
  const { request, error } = parsed;
  if (error) return deliver(ctx, request, error);
  if (ctx.fault?.oauthError) return deliver(ctx, request, ctx.fault.oauthError);
  request.tokenFault = ctx.fault?.token ?? null;

  if (ctx.params.login_ticket) {
    const ticket = tenant.state.tickets.take(ctx.params.login_ticket);
    const user =
      ticket &&
      ticket.clientId === request.client.clientId &&
      findUser(tenant.fixture, ticket.email);
    if (!user)
      return deliver(ctx, request, oauthError('access_denied', 'Invalid or expired login ticket'));
    return finishLogin(tenant, ctx, request, user);
  }

  const session = currentSession(tenant, ctx);
  const interactive = request.prompt === 'login' || request.prompt === 'select_account';
  if (session && !interactive) {
    if (needsConsent(tenant, request, session.user) || request.prompt === 'consent') {
      if (request.prompt === 'none') {
        return deliver(ctx, request, oauthError('consent_required', 'Consent required'));
      }
    } else {
      return complete(tenant, ctx, request, session.user, session.sid, session.authTime);
    }
  } else if (request.prompt === 'none') {
    return deliver(ctx, request, oauthError('login_required', 'Login required'));
  }
  const tx = randomId(16);
  tenant.state.transactions.set(tx, { params: ctx.params, tokenFault: ctx.fault?.token ?? null });
  return showLogin(tenant, ctx, request, tx, null, '');
}

/** POST /u/login: the login page's forms. @param {Tenant} tenant @param {Context} ctx */
export async function handleLoginSubmit(tenant, ctx) {
  const tx = ctx.params.tx ?? '';
  const transaction = tenant.state.transactions.get(tx);
  if (!transaction) {
    return showPage(ctx, {
      status: 400,
      title: 'Login expired',
      message: 'This login page has expired. Start again from the application.',
    });
  }
  const parsed = parseAuthorize(tenant, transaction.params);
  if ('page' in parsed) return showPage(ctx, parsed.page);
  const { request, error } = parsed;
  if (error) return deliver(ctx, request, error);
  request.tokenFault = ctx.fault?.token ?? transaction.tokenFault;
  if (ctx.params.cancel) {
    tenant.state.transactions.delete(tx);
    return deliver(ctx, request, oauthError('access_denied', 'User did not authorize the request'));
  }
  let user = null;
  if (ctx.params.user) user = findUser(tenant.fixture, ctx.params.user);
  else if (ctx.params.email && ctx.params.password) {
    const found = findUser(tenant.fixture, ctx.params.email);
    if (found && found.password === ctx.params.password) user = found;
  }
  if (!user) {
    return showLogin(
      tenant,
      ctx,
      request,
      tx,
      'Wrong email or password.',
      ctx.params.email ?? '',
      401,
    );
  }
  tenant.state.transactions.delete(tx);
  if (request.client.requireConsent && request.audienceId) {
    tenant.state.consents.add(consentKey(user, request));
  }
  return finishLogin(tenant, ctx, request, user);
}

/** Starts a session for the user, then answers the authorization request. */
async function finishLogin(
  /** @type {Tenant} */ tenant,
  /** @type {Context} */ ctx,
  /** @type {AuthRequest} */ request,
  /** @type {User} */ user,
) {
  const sid = randomId(16);
  const authTime = Math.floor(Date.now() / 1000);
  tenant.state.sessions.set(sid, { email: user.email, authTime });
  ctx.res.setHeader('set-cookie', cookie(tenant.cookieName, sid, { maxAge: 86400 }));
  return complete(tenant, ctx, request, user, sid, authTime);
}

/**
 * Issues what the response_type asks for and hands it to the app.
 * @param {Tenant} tenant @param {Context} ctx @param {AuthRequest} request @param {User} user
 * @param {string} sid @param {number} authTime
 */
async function complete(tenant, ctx, request, user, sid, authTime) {
  if (request.orgId && user.organization?.id !== request.orgId) {
    return deliver(
      ctx,
      request,
      oauthError(
        'access_denied',
        `user ${user.userId} is not part of the ${request.orgId} organization`,
      ),
    );
  }
  const scope = grantedScope(tenant, user, request.audience, request.scope, request.orgId);
  /** @type {Record<string, string>} */
  const response = {};
  if (request.responseTypes.has('code')) {
    const code = randomId(24);
    tenant.state.codes.set(code, {
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      email: user.email,
      audience: request.audienceId,
      scope,
      requestedScope: request.scope,
      nonce: request.nonce,
      orgId: request.orgId,
      sid,
      maxAge: request.maxAge,
      authTime,
      tokenFault: request.tokenFault,
    });
    response.code = code;
  } else {
    const tokens = await mintTokens(tenant, {
      client: request.client,
      user,
      audience: request.audience,
      audienceId: request.audienceId,
      scope,
      nonce: request.nonce,
      orgId: request.orgId,
      sid,
      authTime,
      maxAge: request.maxAge,
      accessToken: request.responseTypes.has('token'),
      idToken: request.responseTypes.has('id_token'),
      tokenFault: request.tokenFault,
    });
    if (tokens.access_token) {
      response.access_token = tokens.access_token;
      response.scope = tokens.scope;
      response.expires_in = String(tokens.expires_in);
      response.token_type = tokens.token_type;
    }
    if (tokens.id_token) response.id_token = tokens.id_token;
  }
  return deliver(ctx, request, response);
}

/**
 * Sends an authorization response (or error) the way response_mode asks.
 * @param {Context} ctx @param {AuthRequest} request @param {Record<string, string>} response
 */
function deliver(ctx, request, response) {
  const fields = { ...response };
  if (request.state !== null) fields.state = request.state;
  const target = new URL(request.redirectUri);
  switch (request.responseMode) {
    case 'web_message':
      return sendHtml(ctx.res, 200, webMessagePage(target.origin, fields));
    case 'form_post':
      return sendHtml(ctx.res, 200, formPostPage(request.redirectUri, fields));
    case 'fragment':
      target.hash = new URLSearchParams(fields).toString();
      return redirect(ctx.res, target.href);
    default:
      for (const [key, value] of Object.entries(fields)) target.searchParams.set(key, value);
      return redirect(ctx.res, target.href);
  }
}

/** @param {Tenant} tenant @param {Context} ctx */
export function currentSession(tenant, ctx) {
  const sid = ctx.cookies[tenant.cookieName];
  if (!sid) return null;
  const session = tenant.state.sessions.get(sid);
  const user = session && findUser(tenant.fixture, session.email);
  return user && session ? { sid, user, authTime: session.authTime } : null;
}

/** @param {Tenant} tenant @param {AuthRequest} request @param {User} user */
function needsConsent(tenant, request, user) {
  return (
    request.client.requireConsent &&
    request.audienceId !== null &&
    !tenant.state.consents.has(consentKey(user, request))
  );
}

/** @param {User} user @param {AuthRequest} request */
function consentKey(user, request) {
  return `${user.email}|${request.client.clientId}|${request.audienceId}`;
}

/**
 * @param {Tenant} tenant @param {Context} ctx @param {AuthRequest} request @param {string} tx
 * @param {string | null} error @param {string} email
 */
function showLogin(tenant, ctx, request, tx, error, email, status = 200) {
  const orgs = new Map(tenant.fixture.organizations.map((o) => [o.id, o.displayName]));
  const html = loginPage({
    tx,
    appName: request.client.name,
    apiName: request.audience.kind === 'api' ? request.audience.api.name : null,
    orgName: request.orgId ? (orgs.get(request.orgId) ?? request.orgId) : null,
    consent: request.client.requireConsent && request.audienceId !== null,
    error,
    email,
    users: tenant.fixture.users.map((u) => ({
      email: u.email,
      name: u.name,
      roles: u.roles,
      org: u.organization ? (orgs.get(u.organization.id) ?? u.organization.id) : null,
    })),
  });
  return sendHtml(ctx.res, status, html, { 'content-security-policy': PAGE_CSP });
}

/** @param {Context} ctx @param {{ status: number, title: string, message: string }} page */
function showPage(ctx, page) {
  return sendHtml(ctx.res, page.status, errorPage(page.title, page.message), {
    'content-security-policy': PAGE_CSP,
  });
}

/** @param {string} error @param {string} description @returns {OAuthError} */
function oauthError(error, description) {
  return { error, error_description: description };
}

/** @param {string} url */
function safeOrigin(url) {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
