// @ts-check
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * @typedef {{ name: string, clientId: string, callbacks: string[], logoutUrls: string[],
 *   webOrigins: string[], grantTypes: string[], requireConsent: boolean }} Application
 * @typedef {{ value: string, description: string }} Permission
 * @typedef {{ name: string, identifier: string, rbac: boolean,
 *   addPermissionsToAccessToken: boolean, allowOfflineAccess: boolean,
 *   permissions: Permission[] }} Api
 * @typedef {{ name: string, description: string, permissions: Record<string, string[]> }} Role
 * @typedef {{ id: string, name: string, displayName: string }} Organization
 * @typedef {{ id: string, roles: string[] }} Membership
 * @typedef {{ email: string, password: string, name: string, nickname: string, userId: string,
 *   emailVerified: boolean, roles: string[], permissions: Record<string, string[]>,
 *   organization: Membership | null }} User
 * @typedef {{ name: string, description: string, enabled: boolean, claim: string,
 *   value: unknown, idToken: boolean, accessToken: boolean, audience: string | null }} Action
 * @typedef {{ name: string, tokenLifetime: number, idTokenLifetime: number,
 *   applications: Application[], apis: Api[], roles: Role[], organizations: Organization[],
 *   users: User[], actions: Action[] }} Fixture
 */

export const DEFAULT_FIXTURE_PATH = new URL('../tenant.json', import.meta.url);

/** Collections and the field that identifies an entry when a patch merges into them. */
const KEYS = /** @type {const} */ ({
  applications: 'clientId',
  apis: 'identifier',
  roles: 'name',
  organizations: 'id',
  users: 'email',
  actions: 'name',
});

/** Claims an Action may not set (Auth0 rejects them) and the registered JWT/OIDC claims. */
const RESERVED_CLAIMS = new Set([
  'permissions',
  'roles',
  'groups',
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'azp',
  'scope',
  'nonce',
  'org_id',
  'org_name',
]);

export class FixtureError extends Error {
  /** @param {string[]} problems */
  constructor(problems) {
    super(`Invalid dev-tenant fixture:\n  - ${problems.join('\n  - ')}`);
    this.name = 'FixtureError';
    this.problems = problems;
  }
}

/**
 * Reads a fixture from a JSON file path, a URL, or takes an object as is.
 * @param {string | URL | object | undefined} config
 * @returns {unknown}
 */
export function readFixtureSource(config) {
  if (config === undefined || config === null) return readJson(DEFAULT_FIXTURE_PATH);
  if (typeof config === 'string' || config instanceof URL) return readJson(config);
  return structuredClone(config);
}

/** @param {string | URL} path */
function readJson(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FixtureError([
      `cannot read ${String(path)}: ${/** @type {Error} */ (error).message}`,
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FixtureError([
      `${String(path)} is not JSON: ${/** @type {Error} */ (error).message}`,
    ]);
  }
}

/**
 * Validates a raw fixture and fills in defaults. Throws FixtureError listing every problem.
 * @param {any} raw
 * @returns {Fixture}
 */
export function normalizeFixture(raw) {
  /** @type {string[]} */
  const problems = [];
  if (!isObject(raw)) throw new FixtureError(['the fixture must be a JSON object']);
  const list = (/** @type {string} */ name) => {
    const value = raw[name] ?? [];
    if (!Array.isArray(value)) {
      problems.push(`${name} must be an array`);
      return [];
    }
    return value.filter((entry, i) => {
      if (isObject(entry)) return true;
      problems.push(`${name}[${i}] must be an object`);
      return false;
    });
  };
  const lifetime = (/** @type {string} */ name, /** @type {number} */ fallback) => {
    const value = raw[name] ?? fallback;
    if (!Number.isInteger(value) || value < 1 || value > 31_536_000) {
      problems.push(`${name} must be a whole number of seconds between 1 and 31536000`);
      return fallback;
    }
    return value;
  };

  /** @type {Fixture} */
  const fixture = {
    name: typeof raw.name === 'string' ? raw.name : 'dev tenant',
    tokenLifetime: lifetime('tokenLifetime', 86400),
    idTokenLifetime: lifetime('idTokenLifetime', 36000),
    applications: list('applications').map((a, i) => ({
      name: str(a.name, `Application ${i + 1}`),
      clientId: required(a.clientId, `applications[${i}].clientId`, problems),
      callbacks: strings(a.callbacks, `applications[${i}].callbacks`, problems),
      logoutUrls: strings(a.logoutUrls, `applications[${i}].logoutUrls`, problems),
      webOrigins: strings(a.webOrigins, `applications[${i}].webOrigins`, problems),
      grantTypes: a.grantTypes
        ? strings(a.grantTypes, `applications[${i}].grantTypes`, problems)
        : ['authorization_code', 'implicit', 'refresh_token', 'password'],
      requireConsent: a.requireConsent === true,
    })),
    apis: list('apis').map((a, i) => ({
      name: str(a.name, `API ${i + 1}`),
      identifier: required(a.identifier, `apis[${i}].identifier`, problems),
      rbac: a.rbac === true,
      addPermissionsToAccessToken: a.addPermissionsToAccessToken === true,
      allowOfflineAccess: a.allowOfflineAccess !== false,
      permissions: (Array.isArray(a.permissions) ? a.permissions : []).map(
        (/** @type {any} */ p) =>
          typeof p === 'string'
            ? { value: p, description: '' }
            : { value: str(p?.value, ''), description: str(p?.description, '') },
      ),
    })),
    roles: list('roles').map((r, i) => ({
      name: required(r.name, `roles[${i}].name`, problems),
      description: str(r.description, ''),
      permissions: permissionMap(r.permissions, `roles[${i}].permissions`, problems),
    })),
    organizations: list('organizations').map((o, i) => ({
      id: required(o.id, `organizations[${i}].id`, problems),
      name: str(o.name, str(o.id, '')),
      displayName: str(o.displayName, str(o.name, str(o.id, ''))),
    })),
    users: list('users').map((u, i) => normalizeUser(u, i, problems)),
    actions: list('actions').map((a, i) => ({
      name: required(a.name, `actions[${i}].name`, problems),
      description: str(a.description, ''),
      enabled: a.enabled !== false,
      claim: required(a.claim, `actions[${i}].claim`, problems),
      value: a.value ?? 'permissions',
      idToken: a.idToken === true,
      accessToken: a.accessToken !== false,
      audience: typeof a.audience === 'string' ? a.audience : null,
    })),
  };
  crossCheck(fixture, problems);
  if (problems.length > 0) throw new FixtureError(problems);
  return fixture;
}

/** @param {any} u @param {number} i @param {string[]} problems @returns {User} */
function normalizeUser(u, i, problems) {
  const email = required(u.email, `users[${i}].email`, problems).toLowerCase();
  const org = u.organization;
  /** @type {Membership | null} */
  let organization = null;
  if (typeof org === 'string') organization = { id: org, roles: [] };
  else if (isObject(org)) {
    organization = {
      id: required(org.id, `users[${i}].organization.id`, problems),
      roles: strings(org.roles, `users[${i}].organization.roles`, problems),
    };
  } else if (org !== undefined && org !== null) {
    problems.push(`users[${i}].organization must be an organization id or { id, roles }`);
  }
  return {
    email,
    password: required(u.password, `users[${i}].password`, problems),
    name: str(u.name, email),
    nickname: str(u.nickname, email.split('@')[0] ?? email),
    userId: str(u.userId, `auth0|${createHash('sha256').update(email).digest('hex').slice(0, 24)}`),
    emailVerified: u.emailVerified !== false,
    roles: strings(u.roles, `users[${i}].roles`, problems),
    permissions: permissionMap(u.permissions, `users[${i}].permissions`, problems),
    organization,
  };
}

/** @param {Fixture} f @param {string[]} problems */
function crossCheck(f, problems) {
  for (const [name, key] of Object.entries(KEYS)) {
    const seen = new Set();
    for (const entry of /** @type {any[]} */ (f[/** @type {keyof typeof KEYS} */ (name)])) {
      if (seen.has(entry[key])) problems.push(`${name}: duplicate ${key} "${entry[key]}"`);
      seen.add(entry[key]);
    }
  }
  const roles = new Set(f.roles.map((r) => r.name));
  const orgs = new Set(f.organizations.map((o) => o.id));
  for (const user of f.users) {
    const all = [...user.roles, ...(user.organization?.roles ?? [])];
    for (const role of all) {
      if (!roles.has(role)) problems.push(`users "${user.email}": unknown role "${role}"`);
    }
    if (user.organization && !orgs.has(user.organization.id)) {
      problems.push(`users "${user.email}": unknown organization "${user.organization.id}"`);
    }
  }
  for (const action of f.actions) {
    if (RESERVED_CLAIMS.has(action.claim)) {
      problems.push(
        `actions "${action.name}": "${action.claim}" is a reserved claim an Action cannot set; use a namespaced name such as https://example.com/${action.claim}`,
      );
    }
  }
}

/**
 * Merges a partial fixture into a fixture. Collections merge entry by entry on their key
 * (clientId, identifier, name, id, email); `"$delete": true` removes an entry; other
 * top-level fields are replaced.
 * @param {Fixture} base
 * @param {any} patch
 * @returns {Fixture}
 */
export function patchFixture(base, patch) {
  if (!isObject(patch)) throw new FixtureError(['a fixture patch must be a JSON object']);
  /** @type {any} */
  const next = structuredClone(base);
  for (const [field, value] of Object.entries(patch)) {
    const key = KEYS[/** @type {keyof typeof KEYS} */ (field)];
    if (!key || !Array.isArray(value)) {
      next[field] = value;
      continue;
    }
    for (const entry of value) {
      if (!isObject(entry)) throw new FixtureError([`${field}: every entry must be an object`]);
      const id = field === 'users' ? String(entry[key]).toLowerCase() : entry[key];
      const index = next[field].findIndex((/** @type {any} */ e) => e[key] === id);
      if (entry.$delete === true) {
        if (index >= 0) next[field].splice(index, 1);
      } else if (index >= 0) {
        next[field][index] = { ...next[field][index], ...entry };
      } else {
        next[field].push(entry);
      }
    }
  }
  return normalizeFixture(next);
}

/** The fixture as the admin API shows it: passwords left out. @param {Fixture} fixture */
export function publicFixture(fixture) {
  return {
    ...fixture,
    users: fixture.users.map(({ password: _password, ...user }) => user),
  };
}

/**
 * Every permission the user holds for an API, from roles and direct assignments. In an
 * organization login only roles assigned inside that organization count, as in Auth0.
 * @param {Fixture} fixture
 * @param {User} user
 * @param {Api} api
 * @param {string | null} orgId
 * @returns {string[]}
 */
export function userPermissions(fixture, user, api, orgId) {
  const defined = new Set(api.permissions.map((p) => p.value));
  const roleNames = orgId
    ? user.organization?.id === orgId
      ? user.organization.roles
      : []
    : user.roles;
  const granted = new Set();
  for (const roleName of roleNames) {
    const role = fixture.roles.find((r) => r.name === roleName);
    for (const p of role?.permissions[api.identifier] ?? []) granted.add(p);
  }
  if (!orgId) for (const p of user.permissions[api.identifier] ?? []) granted.add(p);
  return [...granted].filter((p) => defined.has(p)).sort();
}

/** Every permission the user holds on every API (the Authorization Extension's flat list). */
export function allUserPermissions(
  /** @type {Fixture} */ fixture,
  /** @type {User} */ user,
  /** @type {string | null} */ orgId,
) {
  const all = new Set();
  for (const api of fixture.apis) {
    for (const p of userPermissions(fixture, user, api, orgId)) all.add(p);
  }
  return [...all].sort();
}

/**
 * Whether a URL is allowed by a list of patterns. A pattern with no path (`http://localhost:*`)
 * allows any URL on a matching origin; `*` in the port means any port, in the host any label.
 * A pattern with a path must match the URL without query and fragment (`*` = any run).
 * @param {string[]} patterns
 * @param {string} url
 */
export function urlAllowed(patterns, url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const origin = `${parsed.protocol}//${parsed.host}`;
  const target = `${origin}${parsed.pathname}`;
  return patterns.some((pattern) => {
    const originOnly = /^https?:\/\/[^/]+\/?$/.test(pattern);
    if (originOnly) return wildcard(pattern.replace(/\/$/, ''), '[^/]*').test(origin);
    return wildcard(pattern, '.*').test(target) || wildcard(pattern, '.*').test(url);
  });
}

/** @param {string[]} patterns @param {string} origin */
export function originAllowed(patterns, origin) {
  return /^https?:\/\/[^/]+$/.test(origin) && urlAllowed(patterns, origin);
}

/** @param {string} pattern @param {string} star */
function wildcard(pattern, star) {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(star);
  return new RegExp(`^${source}$`);
}

/** @param {any} value @returns {value is Record<string, any>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} value @param {string} fallback */
function str(value, fallback) {
  return typeof value === 'string' ? value : fallback;
}

/** @param {unknown} value @param {string} where @param {string[]} problems */
function required(value, where, problems) {
  if (typeof value === 'string' && value.length > 0) return value;
  problems.push(`${where} must be a non-empty string`);
  return '';
}

/** @param {unknown} value @param {string} where @param {string[]} problems @returns {string[]} */
function strings(value, where, problems) {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...value];
  problems.push(`${where} must be an array of strings`);
  return [];
}

/**
 * @param {unknown} value @param {string} where @param {string[]} problems
 * @returns {Record<string, string[]>}
 */
function permissionMap(value, where, problems) {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    problems.push(`${where} must map an API identifier to a list of permissions`);
    return {};
  }
  /** @type {Record<string, string[]>} */
  const out = {};
  for (const [api, list] of Object.entries(value))
    out[api] = strings(list, `${where}.${api}`, problems);
  return out;
}
