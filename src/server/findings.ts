import { finding } from '../diagnose/finding.js';
import { NO_TOKEN_FIX, SHRINK_FIX } from '../diagnose/messages.js';
import { Auth0PermissionsError, type Auth0PermissionsErrorCode } from '../errors.js';
import type { Finding } from '../types.js';

/** The HTTP status a refusal maps to: RFC 6750 401/403, or 503 when the key set is down. */
export type RefusalStatus = 401 | 403 | 503;

/** A refusal as the server sees it: a diagnosis finding plus the HTTP status it answers with. */
export interface ServerFinding extends Finding {
  status: RefusalStatus;
}

/**
 * Why `verifyAccessToken` refused a token. `code` is stable (`OPAQUE_TOKEN`, `SIGNATURE_INVALID`,
 * …), `fix` says what to change, `status` is the HTTP status to answer with. Never holds the
 * token.
 *
 * @example
 * try { await verifyAccessToken(token, options) }
 * catch (error) { if (error instanceof AccessTokenError) log(error.code, error.fix) }
 */
export class AccessTokenError extends Auth0PermissionsError {
  readonly status: RefusalStatus;
  readonly fix: string;
  readonly finding: ServerFinding;

  constructor(found: ServerFinding, cause?: unknown) {
    super(
      found.code as Auth0PermissionsErrorCode,
      found.message,
      cause === undefined ? {} : { cause },
    );
    this.status = found.status;
    this.fix = found.fix;
    this.finding = found;
  }
}

/** A finding of the diagnosis, answered with `status`. */
export const refusal = (found: Finding, status: RefusalStatus = 401): ServerFinding => ({
  ...found,
  status,
});

/** A server finding as written: `severity` is `'error'` and `status` 401 unless given. */
type RefusalSpec = Omit<Finding, 'severity' | 'evidence'> &
  Partial<Pick<Finding, 'severity' | 'evidence'>> & { status?: RefusalStatus };

/** A finding only the server makes (no diagnosis behind it), answered with its `status`. */
export const serverRefusal = ({
  code,
  severity = 'error',
  status,
  ...said
}: RefusalSpec): ServerFinding => refusal(finding({ code, severity, ...said }), status);

/**
 * The first time claim that is no number of seconds. jose refuses a string or `null` ('invalid')
 * but compares ±Infinity (JSON `1e400`) as a number: `exp: Infinity` would never expire.
 */
export const badTimeClaim = (claims: Readonly<Record<string, unknown>>) =>
  ['exp', 'nbf', 'iat'].find(
    (name) => claims[name] !== undefined && !Number.isFinite(claims[name]),
  );

const ROTATION =
  'After a signing key rotation the API refetches the key set at most once per cooldown (30 s by default).';

/** Findings only a server sees (the token diagnosis cannot know keys or signatures). */
export const serverFinding = {
  noToken: () =>
    serverRefusal({
      code: 'NO_TOKEN',
      message: 'The request has no "Authorization: Bearer" access token.',
      fix: `Send it as "Authorization: Bearer <token>" (a token in the URL is ignored). ${NO_TOKEN_FIX}`,
    }),
  tooLarge: (length: number, limit: number) =>
    serverRefusal({
      code: 'TOKEN_TOO_LARGE',
      message: `The token is ${length} characters, over this API's limit of ${limit}; it was not parsed.`,
      fix: SHRINK_FIX,
      evidence: { length, limit },
    }),
  algorithm: (alg: unknown, allowed: string[]) =>
    serverRefusal({
      code: 'ALGORITHM_NOT_ALLOWED',
      message: `The token is signed with '${String(alg)}'; this API accepts only ${allowed.join(', ')}.`,
      fix: 'Auth0 signs access tokens with RS256 (APIs → your API → Settings → Signing Algorithm). "none" and HS256 are refused: an HS256 token "signed" with the public key is a known forgery.',
      evidence: { alg, allowed },
    }),
  keyNotFound: (kid: unknown, jwksUri: string) =>
    serverRefusal({
      code: 'KEY_NOT_FOUND',
      message: `No key with kid '${String(kid)}' in ${jwksUri}.`,
      fix: `The token comes from another tenant or from a key that was rotated away: get a new token from this tenant. ${ROTATION}`,
      evidence: { kid, jwksUri },
    }),
  signature: (kid: unknown, issuer: string) =>
    serverRefusal({
      code: 'SIGNATURE_INVALID',
      message: `The signature does not match the key of ${issuer}: the token was forged or altered.`,
      fix: 'Send the token exactly as Auth0 issued it (not edited, not re-signed); nothing else is accepted.',
      evidence: { kid },
    }),
  jwksUnavailable: (jwksUri: string, reason: string) =>
    serverRefusal({
      code: 'JWKS_UNAVAILABLE',
      message: `The key set ${jwksUri} could not be fetched (${reason}); every token is refused until it can.`,
      fix: 'Let the API reach the Auth0 domain (network, proxy, DNS, firewall); clients get 503 and may retry.',
      evidence: { jwksUri, reason },
      status: 503,
    }),
  /** No exp, or a time claim that is no number of seconds: a string, `null`, ±Infinity (`1e400`). */
  badClaim: (claim: string, missing = false) =>
    serverRefusal({
      code: 'MALFORMED_TOKEN',
      message: missing
        ? 'The token has no exp claim: an access token that never expires is refused.'
        : `The token's "${claim}" claim is not a number of seconds.`,
      fix: 'Send an access token issued by Auth0 for this API (Auth0 always sets exp).',
      evidence: { reason: missing ? 'no exp claim' : `invalid ${claim}`, claim },
    }),
  denied: (expression: string, granted: ReadonlySet<string>) =>
    serverRefusal({
      code: 'PERMISSION_DENIED',
      severity: 'info',
      message: `The token's permissions do not satisfy "${expression}".`,
      fix: 'Assign the user a role that grants it (User Management → Users → Roles), then get a new token (refresh()).',
      evidence: { required: expression, granted: [...granted].slice(0, 20) },
      status: 403,
    }),
};
