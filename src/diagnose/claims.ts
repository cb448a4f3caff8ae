import { isObject } from '../internal/object.js';
import type { DiagnoseExpected, Finding } from '../types.js';
import { audienceFindings, issuerFindings } from './audience.js';
import { type Claims, finding, iso, malformed, short, text } from './finding.js';
import { ACCESS_TOKEN_ONLY, EXPIRED_FIX, RBAC_SETTINGS } from './messages.js';

const LEEWAY = 60;
const OIDC = new Set(['openid', 'profile', 'email', 'offline_access', 'address', 'phone']);
const PROFILE = ['email', 'name', 'nickname', 'picture', 'given_name', 'family_name'];
const words = (value: unknown) =>
  typeof value === 'string' ? value.split(' ').filter(Boolean) : [];

/** Some other claim that holds a permission list: `https://x/permissions` or `{permissions}`. */
function otherPermissionsClaim(claims: Claims, names: string[]): [string, unknown[]] | undefined {
  for (const [name, value] of Object.entries(claims)) {
    if (names.includes(name)) continue;
    if (Array.isArray(value) && /permissions$/i.test(name)) return [name, value];
    if (isObject(value) && Array.isArray(value.permissions)) return [name, value.permissions];
  }
  return undefined;
}

function idTokenSigns(claims: Claims, expected: DiagnoseExpected): string[] {
  const signs = ['nonce', 'at_hash'].filter((k) => k in claims);
  if (expected.clientId && claims.aud === expected.clientId) signs.unshift('aud = client id');
  if (!('scope' in claims) && !('permissions' in claims))
    signs.push(...PROFILE.filter((k) => k in claims));
  return signs;
}

/** A token outside its time window, which `claim` (at `at`) shows; `explain` words the skew. */
function clockFinding(
  claim: string,
  at: number,
  now: number,
  explain: (skew: number) => Omit<Finding, 'evidence'>,
): Finding {
  const skewSeconds = Math.round(Math.abs(now - at));
  return finding({
    ...explain(skewSeconds),
    evidence: { [claim]: iso(at), now: iso(now), skewSeconds },
  });
}

/**
 * Each time claim that is no number of seconds (a string, `null`, ±Infinity from JSON `1e400`),
 * then the window the others set: finite times are compared, whatever their size, as jose and
 * the browser instance compare them.
 */
function timeFindings(claims: Claims, now: number): Finding[] {
  const out: Finding[] = [];
  /** A time claim's seconds; `none` when it is absent or no number. */
  const time = (name: string, none: number) => {
    const value = claims[name];
    if (Number.isFinite(value)) return value as number;
    if (value !== undefined) out.push(malformed(`its ${name} is not a number`));
    return none;
  };
  const exp = time('exp', Infinity);
  const start = Math.max(time('nbf', -Infinity), time('iat', -Infinity));
  if (now > exp + LEEWAY)
    out.push(
      clockFinding('exp', exp, now, (late) => ({
        code: 'TOKEN_EXPIRED',
        severity: 'error',
        message: `The token expired ${late} s ago.`,
        fix: EXPIRED_FIX,
      })),
    );
  else if (start > now + LEEWAY)
    out.push(
      clockFinding(claims.nbf === start ? 'nbf' : 'iat', start, now, (early) => ({
        code: 'TOKEN_NOT_YET_VALID',
        severity: 'warning',
        message: `Valid only in ${early} s: this device clock is ${early} s behind.`,
        fix: 'Sync the device clock; APIs reject the token until then.',
      })),
    );
  return out;
}

/**
 * Why `permissions` is missing, read from `scope`: RBAC off and the "Add Permissions in the
 * Access Token" toggle off leave different traces when the app asked for API scopes.
 */
function whyMissing(api: string[], asked: string[], scope: string[]): string {
  if (!api.length) return 'scope has no API scope, so RBAC off and the toggle off look alike';
  if (asked.some((s) => !scope.includes(s)))
    return 'scope lists only some requested scopes: RBAC is on, the toggle is off';
  if (asked.length) return 'scope mirrors every requested scope: RBAC looks off';
  return 'scope holds API scopes: either the toggle is off (scope = requested scopes the user holds) or RBAC is off (scope = all requested); a user without them tells which';
}

function missingFinding(claims: Claims, names: string[], requested: string[]): Finding {
  const scope = words(claims.scope);
  const api = scope.filter((s) => !OIDC.has(s));
  const asked = requested.filter((s) => !OIDC.has(s));
  const why = whyMissing(api, asked, scope);
  return finding({
    code: 'PERMISSIONS_CLAIM_MISSING',
    severity: 'error',
    message: `No '${names.join("' or '")}' claim; ${why}.`,
    fix: `${RBAC_SETTINGS}: turn on "Enable RBAC" and the toggle "Add Permissions in the Access Token", save, get a new token${api.length ? ". With RBAC on, claim: 'scope' also works" : ''}.`,
    evidence: { scope: claims.scope ?? null, ...(asked.length ? { requested: asked } : {}) },
  });
}

/** No claim of the names asked for: say where the permissions are, or why there are none. */
function absentFindings(claims: Claims, names: string[], expected: DiagnoseExpected): Finding[] {
  const other = otherPermissionsClaim(claims, names);
  if (!other) return [missingFinding(claims, names, words(expected.scope))];
  const [found, list] = other;
  return [
    found === 'permissions'
      ? finding({
          code: 'PERMISSIONS_CLAIM_MISSING',
          severity: 'error',
          message: `No '${names.join("' or '")}' claim, but 'permissions' holds ${list.length}.`,
          fix: "Drop the claim option (default 'permissions').",
          evidence: { claim: expected.claim, permissions: short(list) },
        })
      : finding({
          code: 'NAMESPACED_PERMISSIONS_FOUND',
          severity: 'warning',
          message: `Permissions are in the custom claim '${found}' (an Action, Rule or the Authorization Extension), not 'permissions'.`,
          fix: `Read it: claim: '${found}' (or ['permissions', '${found}']).`,
          evidence: { claim: found, permissions: short(list) },
        }),
  ];
}

/** The list a claim holds: `scope` words, an array, or an Action's `{ permissions: [...] }`. */
function listIn(name: string, value: unknown): unknown[] | undefined {
  if (name === 'scope' && typeof value === 'string') return words(value);
  if (Array.isArray(value)) return value;
  return isObject(value) && Array.isArray(value.permissions) ? value.permissions : undefined;
}

function emptyFinding(claims: Claims, name: string): Finding {
  const org = text(claims.org_id);
  return org
    ? finding({
        code: 'PERMISSIONS_EMPTY_IN_ORGANIZATION',
        severity: 'warning',
        message: `No permission for this API in organization ${org}: roles assigned outside it do not count.`,
        fix: 'Organizations → the organization → Members → the user → Assign Roles, then refresh().',
        evidence: { claim: name, permissions: [], org_id: org, aud: claims.aud },
      })
    : finding({
        code: 'PERMISSIONS_EMPTY',
        severity: 'warning',
        message: 'The user has no permission for this API: none of their roles grants any.',
        fix: 'User Management → Users → the user → Roles: assign a role with permissions of THIS API (aud), then refresh().',
        evidence: { claim: name, permissions: [], aud: claims.aud },
      });
}

function permissionFindings(claims: Claims, expected: DiagnoseExpected): Finding[] {
  const { claim = 'permissions' } = expected;
  const names = typeof claim === 'string' ? [claim] : [...claim];
  const name = names.find((n) => Object.hasOwn(claims, n));
  if (name === undefined) return absentFindings(claims, names, { ...expected, claim });
  const value = claims[name];
  const list = listIn(name, value);
  if (!list || list.some((p) => typeof p !== 'string' || p === ''))
    return [
      finding({
        code: 'PERMISSIONS_CLAIM_INVALID',
        severity: 'error',
        message: `'${name}' is not a list of permission names; it grants nothing.`,
        fix: `Set an array of strings (an Action: api.accessToken.setCustomClaim('${name}', ['read:x'])), or point claim: at one.`,
        evidence: { claim: name, value: short(value) },
      }),
    ];
  return list.length ? [] : [emptyFinding(claims, name)];
}

/** Explains a decoded access token (or a claims object). */
export function diagnoseClaims(claims: Claims, expected: DiagnoseExpected): Finding[] {
  const signs = idTokenSigns(claims, expected);
  const other = otherPermissionsClaim(claims, ['permissions']);
  if (signs.length)
    return [
      finding({
        code: 'ID_TOKEN_USED',
        severity: 'error',
        message: 'This is an ID token: it never carries RBAC permissions.',
        fix: `${ACCESS_TOKEN_ONLY}${other ? ` Set '${other[0]}' on the access token too (api.accessToken.setCustomClaim).` : ''}`,
        evidence: { aud: claims.aud, idTokenClaims: signs, ...(other ? { claim: other[0] } : {}) },
      }),
    ];
  const audiences = [claims.aud].flat().filter((a) => typeof a === 'string');
  const wrongAudience = audienceFindings(audiences, expected);
  const out = [
    ...wrongAudience,
    ...issuerFindings(claims.iss, expected),
    ...timeFindings(claims, expected.now ?? Date.now() / 1000),
  ];
  if (!wrongAudience.some((f) => f.code !== 'AUDIENCE_MISMATCH'))
    out.push(...permissionFindings(claims, expected));
  return out;
}
