import type { DiagnoseExpected, Finding } from '../types.js';
import { audienceFindings, issuerFindings } from './audience.js';
import { type Claims, finding, isObject, iso, short, text } from './finding.js';
import { ACCESS_TOKEN_ONLY, EXPIRED_FIX, RBAC_SETTINGS } from './messages.js';

const LEEWAY = 60;
const OIDC = new Set(['openid', 'profile', 'email', 'offline_access', 'address', 'phone']);
const PROFILE = ['email', 'name', 'nickname', 'picture', 'given_name', 'family_name'];
const words = (value: unknown) =>
  typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

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

function timeFindings(claims: Claims, now: number): Finding[] {
  const exp = num(claims.exp);
  const starts = [num(claims.nbf), num(claims.iat)].filter((n) => n !== undefined);
  const start = starts.length ? Math.max(...starts) : undefined;
  if (exp !== undefined && now > exp + LEEWAY) {
    const late = Math.round(now - exp);
    return [
      finding('TOKEN_EXPIRED', 'error', `The token expired ${late} s ago.`, EXPIRED_FIX, {
        exp: iso(exp),
        now: iso(now),
        skewSeconds: late,
      }),
    ];
  }
  if (start !== undefined && start > now + LEEWAY) {
    const early = Math.round(start - now);
    return [
      finding(
        'TOKEN_NOT_YET_VALID',
        'warning',
        `The token is valid only in ${early} s: this device clock is about ${early} s behind Auth0's.`,
        'Sync the device clock (automatic date and time); APIs that check nbf/iat reject the token until then.',
        { [claims.nbf === start ? 'nbf' : 'iat']: iso(start), now: iso(now), skewSeconds: early },
      ),
    ];
  }
  return [];
}

function missingFinding(claims: Claims, names: string[], requested: string[]): Finding {
  const scope = words(claims.scope);
  const api = scope.filter((s) => !OIDC.has(s));
  const asked = requested.filter((s) => !OIDC.has(s));
  const why = !api.length
    ? 'scope holds no API scope, so this token cannot tell whether RBAC or "Add Permissions in the Access Token" is off'
    : asked.length && asked.some((s) => !scope.includes(s))
      ? 'scope lists only some requested scopes, so RBAC is on and "Add Permissions in the Access Token" is off'
      : asked.length
        ? 'scope mirrors every requested scope, so RBAC looks off'
        : 'scope holds API scopes: either "Add Permissions in the Access Token" is off (scope = requested scopes the user holds) or RBAC is off (scope = every requested scope, whoever logs in); log in as a user without them to tell';
  return finding(
    'PERMISSIONS_CLAIM_MISSING',
    'error',
    `The token has no '${names.join("' or '")}' claim: ${why}.`,
    `${RBAC_SETTINGS}: turn on "Enable RBAC" and "Add Permissions in the Access Token", save, then fetch a new token${api.length ? ". With RBAC on you may read scope instead: claim: 'scope'" : ''}.`,
    { scope: claims.scope ?? null, ...(asked.length ? { requested: asked } : {}) },
  );
}

function permissionFindings(claims: Claims, expected: DiagnoseExpected): Finding[] {
  const { claim = 'permissions' } = expected;
  const names = typeof claim === 'string' ? [claim] : [...claim];
  const name = names.find((n) => Object.hasOwn(claims, n));
  const scope = (expected as { scope?: string }).scope;
  if (name === undefined) {
    const other = otherPermissionsClaim(claims, names);
    if (!other) return [missingFinding(claims, names, words(scope))];
    const [found, list] = other;
    const fix = `Read it with the claim option: claim: '${found}' (or claim: ['permissions', '${found}']).`;
    return [
      found === 'permissions'
        ? finding(
            'PERMISSIONS_CLAIM_MISSING',
            'error',
            `The token has no '${names.join("' or '")}' claim, but 'permissions' holds ${list.length}.`,
            "Drop the claim option (the default is 'permissions').",
            { claim, permissions: short(list) },
          )
        : finding(
            'NAMESPACED_PERMISSIONS_FOUND',
            'warning',
            `The permissions are in the custom claim '${found}' (set by an Action, a Rule or the Authorization Extension), not in 'permissions'.`,
            fix,
            { claim: found, permissions: short(list) },
          ),
    ];
  }
  const value = claims[name];
  const list =
    name === 'scope' && typeof value === 'string'
      ? words(value)
      : Array.isArray(value)
        ? value
        : isObject(value) && Array.isArray(value.permissions)
          ? value.permissions
          : undefined;
  if (!list || list.some((p) => typeof p !== 'string' || p === ''))
    return [
      finding(
        'PERMISSIONS_CLAIM_INVALID',
        'error',
        `The '${name}' claim is not a list of permission names, so it grants nothing.`,
        `Make it an array of strings (Auth0 RBAC does; an Action must call api.accessToken.setCustomClaim('${name}', ['read:reports'])), or point claim: at a claim that holds one.`,
        { claim: name, value: short(value) },
      ),
    ];
  if (list.length) return [];
  const org = text(claims.org_id);
  return [
    org
      ? finding(
          'PERMISSIONS_EMPTY_IN_ORGANIZATION',
          'warning',
          `The user has no permission for this API inside organization ${org}: roles assigned outside the organization do not count.`,
          'Auth0 dashboard → Organizations → the organization → Members → the user → Assign Roles (roles with permissions of this API), then refresh().',
          { claim: name, permissions: [], org_id: org, aud: claims.aud },
        )
      : finding(
          'PERMISSIONS_EMPTY',
          'warning',
          'The user holds no permission for this API: no role of theirs grants any.',
          'Auth0 dashboard → User Management → Users → the user → Roles (or Permissions): assign permissions of THIS API (the token aud), then refresh().',
          { claim: name, permissions: [], aud: claims.aud },
        ),
  ];
}

/** Explains a decoded access token (or a claims object). */
export function diagnoseClaims(claims: Claims, expected: DiagnoseExpected): Finding[] {
  const signs = idTokenSigns(claims, expected);
  const other = otherPermissionsClaim(claims, ['permissions']);
  if (signs.length)
    return [
      finding(
        'ID_TOKEN_USED',
        'error',
        'This is an ID token, not an access token: it never carries RBAC permissions.',
        `${ACCESS_TOKEN_ONLY}${other ? ` It holds '${other[0]}': an Action must set it on the access token too (api.accessToken.setCustomClaim).` : ''}`,
        { aud: claims.aud, idTokenClaims: signs, ...(other ? { claim: other[0] } : {}) },
      ),
    ];
  const aud = claims.aud;
  const audiences = (Array.isArray(aud) ? aud : [aud]).filter((a) => typeof a === 'string');
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
