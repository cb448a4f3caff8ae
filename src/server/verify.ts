import { type JWTPayload, jwtVerify } from 'jose';
import { permissionsFromClaims } from '../claims.js';
import { diagnoseClaims } from '../diagnose/claims.js';
import { parsePermissionExpression } from '../expression.js';
import { classify } from './classify.js';
import { AccessTokenError, badTimeClaim, refusal, serverFinding } from './findings.js';
import { keySetFor } from './jwks.js';
import { type ResolvedOptions, resolveOptions, type VerifyOptions } from './options.js';

/** A verified access token: its claims, its permissions, and the expression check. */
export interface VerifiedAccessToken {
  /** The verified claims (`sub`, `scope`, `permissions`, `org_id`, …). */
  readonly claims: Readonly<JWTPayload>;
  /** The permissions read from `claim`, as a read-only set. */
  readonly permissions: ReadonlySet<string>;
  /**
   * The same expression language as the browser (`read:reports and not archived`, `reports:*`).
   * @throws {Auth0PermissionsError} `ERR_EXPRESSION_SYNTAX`
   */
  check(expression: string): boolean;
}

/** The verified token has none of the claims `claim` names: say where the permissions went. */
function missingClaim(claims: JWTPayload, options: ResolvedOptions): AccessTokenError {
  const found = diagnoseClaims(claims, {
    claim: options.claim,
    now: Date.now() / 1000,
  }).find(
    (f) => f.code === 'PERMISSIONS_CLAIM_MISSING' || f.code === 'NAMESPACED_PERMISSIONS_FOUND',
  );
  const names = [options.claim].flat().join("' or '");
  return new AccessTokenError(
    refusal(
      {
        message: `No '${names}' claim in the token.`,
        fix: 'Turn on RBAC and "Add Permissions in the Access Token" for this API, or point claim: at the claim that holds them.',
        evidence: {},
        ...found,
        code: 'PERMISSIONS_CLAIM_MISSING',
        severity: 'error',
      },
      403,
    ),
  );
}

/** Verifies with resolved options: one `jwtVerify`, and the diagnosis only on failure. */
export async function verifyResolved(
  token: unknown,
  options: ResolvedOptions,
): Promise<VerifiedAccessToken> {
  if (typeof token !== 'string' || !token) throw new AccessTokenError(serverFinding.noToken());
  if (token.length > options.maxTokenLength)
    throw new AccessTokenError(serverFinding.tooLarge(token.length, options.maxTokenLength));
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(
      token,
      keySetFor(options.jwksUri, options.jwksCooldown),
      {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: options.algorithms,
        clockTolerance: options.clockTolerance,
        requiredClaims: ['exp'],
      },
    ));
  } catch (error) {
    throw new AccessTokenError(classify(error, token, options), error);
  }
  // jose accepts exp: Infinity (JSON 1e400: a token that never expires), nbf: -Infinity and any
  // iat; the browser instance refuses an exp that is not finite. No time claim is ±Infinity here.
  const bad = badTimeClaim(claims);
  if (bad) throw new AccessTokenError(serverFinding.badClaim(bad));
  if (![options.claim].flat().some((name) => Object.hasOwn(claims, name)))
    throw missingClaim(claims, options);
  const permissions = permissionsFromClaims(claims, { claim: options.claim });
  return {
    claims,
    permissions,
    check: (expression) => parsePermissionExpression(expression).test(permissions),
  };
}

/**
 * Verifies an Auth0 access token: RS256 signature against the tenant's key set (fetched from
 * `ISSUER/.well-known/jwks.json`, cached per issuer, refetched on an unknown `kid` at most every
 * 30 s), `iss`, `aud`, `exp` (required) and `nbf`, then reads its permissions.
 *
 * @throws {Auth0PermissionsError} `ERR_INVALID_OPTIONS` when `audience` or `domain`/`issuer` is
 * missing; {@link AccessTokenError} (an `Auth0PermissionsError` with `status` and `fix`) for a
 * refused token: `OPAQUE_TOKEN`, `ID_TOKEN_USED`, `AUDIENCE_MISMATCH`, `TOKEN_EXPIRED`,
 * `SIGNATURE_INVALID`, `JWKS_UNAVAILABLE`, … (see docs/server.md).
 * @example
 * const token = await verifyAccessToken(bearer, { domain: 'example.eu.auth0.com', audience: 'https://api.example.com' });
 * if (!token.check('delete:reports and not archived')) return forbidden();
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyOptions,
): Promise<VerifiedAccessToken> {
  return verifyResolved(token, resolveOptions(options));
}
