// @ts-check
import { createHash } from 'node:crypto';
import { allUserPermissions, userPermissions } from './fixture.js';
import { encryptOpaque, signJwt } from './keys.js';
import { randomId } from './state.js';

/**
 * @typedef {import('./fixture.js').Fixture} Fixture
 * @typedef {import('./fixture.js').User} User
 * @typedef {import('./fixture.js').Api} Api
 * @typedef {import('./fixture.js').Application} Application
 * @typedef {{ fixture: Fixture, keys: import('./keys.js').Keys, issuer: string, url: string,
 *   state: import('./state.js').TenantState }} Tenant
 * @typedef {{ kind: 'none' } | { kind: 'api', api: Api } | { kind: 'management' }
 *   | { kind: 'unknown' }} Audience
 */

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);

/** What the Management API grants a user's own SPA token. */
const MANAGEMENT_USER_SCOPES = new Set([
  'read:current_user',
  'update:current_user_metadata',
  'delete:current_user_metadata',
  'create:current_user_metadata',
  'create:current_user_device_credentials',
  'delete:current_user_device_credentials',
  'update:current_user_identities',
]);

/** @param {Tenant} tenant @param {string | null | undefined} audience @returns {Audience} */
export function resolveAudience(tenant, audience) {
  if (!audience) return { kind: 'none' };
  if (audience === `${tenant.issuer}api/v2/`) return { kind: 'management' };
  const api = tenant.fixture.apis.find((a) => a.identifier === audience);
  return api ? { kind: 'api', api } : { kind: 'unknown' };
}

/** @param {Fixture} fixture @param {string} email */
export function findUser(fixture, email) {
  const wanted = email.trim().toLowerCase();
  return fixture.users.find((u) => u.email === wanted) ?? null;
}

/** @param {string | undefined | null} scope */
export function splitScope(scope) {
  return [
    ...new Set(
      String(scope ?? '')
        .split(/\s+/)
        .filter(Boolean),
    ),
  ];
}

/**
 * The scope Auth0 grants: OIDC scopes as asked; API scopes by the RBAC rules (RBAC off: every
 * requested scope the API defines; RBAC on: only those the user holds).
 * @param {Tenant} tenant @param {User} user @param {Audience} audience
 * @param {string} requested @param {string | null} orgId
 */
export function grantedScope(tenant, user, audience, requested, orgId) {
  const wanted = splitScope(requested);
  /** @type {(s: string) => boolean} */
  let allowed = () => false;
  if (audience.kind === 'api') {
    const { api } = audience;
    const defined = new Set(api.permissions.map((p) => p.value));
    const held = new Set(userPermissions(tenant.fixture, user, api, orgId));
    allowed = (s) => defined.has(s) && (!api.rbac || held.has(s));
  } else if (audience.kind === 'management') {
    allowed = (s) => MANAGEMENT_USER_SCOPES.has(s);
  }
  const offline = audience.kind !== 'api' || audience.api.allowOfflineAccess;
  return wanted
    .filter((s) => (OIDC_SCOPES.has(s) ? s !== 'offline_access' || offline : allowed(s)))
    .join(' ');
}

/**
 * @typedef {{ client: Application, user: User, audience: Audience, audienceId: string | null,
 *   scope: string, nonce?: string | null, orgId?: string | null, sid?: string | null,
 *   authTime?: number, maxAge?: string | null, accessToken: boolean, idToken: boolean,
 *   tokenFault?: string | null }} MintRequest
 */

/**
 * Issues the access token and/or ID token of one grant.
 * @param {Tenant} tenant @param {MintRequest} r
 * @returns {Promise<{ access_token?: string, id_token?: string, scope: string, expires_in: number, token_type: 'Bearer' }>}
 */
export async function mintTokens(tenant, r) {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = tenant.fixture.tokenLifetime;
  const scopes = splitScope(r.scope);
  /** @type {{ access_token?: string, id_token?: string, scope: string, expires_in: number, token_type: 'Bearer' }} */
  const out = { scope: r.scope, expires_in: lifetime, token_type: 'Bearer' };
  if (r.accessToken) out.access_token = await accessToken(tenant, r, now, scopes);
  if (r.idToken && scopes.includes('openid')) {
    out.id_token = await idToken(tenant, r, now, scopes, out.access_token ?? null);
  }
  return out;
}

/** @param {Tenant} tenant @param {MintRequest} r @param {number} now @param {string[]} scopes */
async function accessToken(tenant, r, now, scopes) {
  const { issuer, keys, fixture } = tenant;
  const lifetime = fixture.tokenLifetime;
  if (r.audience.kind === 'none' || r.audience.kind === 'unknown' || r.tokenFault === 'opaque') {
    if (r.tokenFault === 'malformed') return malformed();
    return encryptOpaque(
      keys,
      { sub: r.user.userId, azp: r.client.clientId, scope: r.scope, exp: now + lifetime },
      issuer,
    );
  }
  const aud = /** @type {string} */ (r.audienceId);
  /** @type {Record<string, unknown>} */
  const claims = {
    iss: issuer,
    sub: r.user.userId,
    aud: scopes.includes('openid') ? [aud, `${issuer}userinfo`] : aud,
    iat: now,
    exp: now + lifetime,
    scope: r.scope,
    azp: r.client.clientId,
    jti: randomId(12),
  };
  if (r.orgId) claims.org_id = r.orgId;
  if (r.audience.kind === 'api' && r.audience.api.rbac) {
    if (r.audience.api.addPermissionsToAccessToken) {
      claims.permissions = userPermissions(fixture, r.user, r.audience.api, r.orgId ?? null);
    }
  }
  Object.assign(claims, actionClaims(fixture, r.user, r.orgId ?? null, 'accessToken', aud));
  return spoil(tenant, claims, r.tokenFault ?? null, now);
}

/**
 * Applies an injected token fault to access-token claims and signs them.
 * @param {Tenant} tenant @param {Record<string, any>} claims @param {string | null} fault
 * @param {number} now
 */
async function spoil(tenant, claims, fault, now) {
  const lifetime = tenant.fixture.tokenLifetime;
  switch (fault) {
    case 'expired':
      claims.iat = now - lifetime - 3600;
      claims.exp = now - 3600;
      break;
    case 'not-yet-valid':
      claims.iat = now + 3600;
      claims.nbf = now + 3600;
      claims.exp = now + 3600 + lifetime;
      break;
    case 'no-permissions':
      delete claims.permissions;
      break;
    case 'permissions-not-array':
      claims.permissions = (claims.permissions ?? []).join(' ');
      break;
    case 'oversized': {
      const filler = Array.from(
        { length: 700 },
        (_, i) => `filler:permission-${String(i).padStart(4, '0')}`,
      );
      claims.permissions = [...(claims.permissions ?? []), ...filler];
      break;
    }
    case 'wrong-audience':
      claims.aud = Array.isArray(claims.aud)
        ? ['https://wrong-api.example.com', ...claims.aud.slice(1)]
        : 'https://wrong-api.example.com';
      break;
    case 'wrong-issuer':
      claims.iss = 'https://wrong-tenant.example.com/';
      break;
    case 'malformed':
      return malformed();
    default:
      break;
  }
  return signJwt(tenant.keys, claims, { rogue: fault === 'bad-signature' });
}

function malformed() {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
  return `${header}.${Buffer.from('not json').toString('base64url')}.c2lnbmF0dXJl`;
}

/**
 * @param {Tenant} tenant @param {MintRequest} r @param {number} now @param {string[]} scopes
 * @param {string | null} access
 */
async function idToken(tenant, r, now, scopes, access) {
  const { fixture, issuer } = tenant;
  /** @type {Record<string, unknown>} */
  const claims = {
    ...profileClaims(tenant, r.user, scopes),
    iss: issuer,
    aud: r.client.clientId,
    sub: r.user.userId,
    iat: now,
    exp: now + fixture.idTokenLifetime,
  };
  if (r.sid) claims.sid = r.sid;
  if (r.nonce) claims.nonce = r.nonce;
  if (r.maxAge !== undefined && r.maxAge !== null && r.authTime) claims.auth_time = r.authTime;
  if (access) claims.at_hash = atHash(access);
  if (r.orgId) {
    claims.org_id = r.orgId;
    const org = fixture.organizations.find((o) => o.id === r.orgId);
    if (org) claims.org_name = org.name;
  }
  Object.assign(claims, actionClaims(fixture, r.user, r.orgId ?? null, 'idToken', r.audienceId));
  return signJwt(tenant.keys, claims);
}

/** @param {string} token */
export function atHash(token) {
  return createHash('sha256').update(token).digest().subarray(0, 16).toString('base64url');
}

/** Standard profile claims for the scopes asked. @param {Tenant} tenant @param {User} user @param {string[]} scopes */
export function profileClaims(tenant, user, scopes) {
  /** @type {Record<string, unknown>} */
  const claims = {};
  if (scopes.includes('profile')) {
    claims.nickname = user.nickname;
    claims.name = user.name;
    claims.picture = `${tenant.url}/avatars/${encodeURIComponent(user.nickname)}.svg`;
    claims.updated_at = '2024-01-01T00:00:00.000Z';
  }
  if (scopes.includes('email')) {
    claims.email = user.email;
    claims.email_verified = user.emailVerified;
  }
  return claims;
}

/**
 * Custom claims the enabled post-login actions add to one kind of token.
 * @param {Fixture} fixture @param {User} user @param {string | null} orgId
 * @param {'idToken' | 'accessToken'} target @param {string | null} audience
 */
export function actionClaims(fixture, user, orgId, target, audience) {
  /** @type {Record<string, unknown>} */
  const claims = {};
  for (const action of fixture.actions) {
    if (!action.enabled || !action[target]) continue;
    if (action.audience !== null && action.audience !== audience) continue;
    if (action.value === 'permissions')
      claims[action.claim] = allUserPermissions(fixture, user, orgId);
    else if (action.value === 'roles') claims[action.claim] = [...user.roles];
    else claims[action.claim] = structuredClone(action.value);
  }
  return claims;
}
