import { errors } from 'jose';
import type { DiagnosisCode } from '../diagnose/codes.js';
import { malformed } from '../diagnose/finding.js';
import { diagnoseToken } from '../diagnose/token.js';
import { inspectToken } from '../token.js';
import type { Finding } from '../types.js';
import {
  badTimeClaim,
  refusal,
  type ServerFinding,
  serverFinding,
  serverRefusal,
} from './findings.js';
import { KeySetUnavailable } from './jwks.js';
import type { ResolvedOptions } from './options.js';

const CLAIM_CODES: Record<string, DiagnosisCode[]> = {
  aud: ['ID_TOKEN_USED', 'AUDIENCE_MISMATCH', 'USERINFO_AUDIENCE_ONLY', 'MANAGEMENT_API_AUDIENCE'],
  iss: ['ID_TOKEN_USED', 'ISSUER_MISMATCH'],
  exp: ['ID_TOKEN_USED', 'TOKEN_EXPIRED'],
  nbf: ['ID_TOKEN_USED', 'TOKEN_NOT_YET_VALID'],
};
const FALLBACK: Record<string, [DiagnosisCode, string]> = {
  aud: ['AUDIENCE_MISMATCH', "The token's audience (aud) is not this API."],
  iss: ['ISSUER_MISMATCH', "The token's issuer (iss) is not this API's tenant."],
  exp: ['TOKEN_EXPIRED', 'The token has expired.'],
  nbf: ['TOKEN_NOT_YET_VALID', 'The token is not valid yet (nbf).'],
};

/**
 * What the token diagnosis says, with the expectations of this API. It only explains a refusal
 * already decided: should it ever throw, the refusal stands with the generic words below.
 */
function diagnosis(token: string, options: ResolvedOptions): Finding[] {
  try {
    return diagnoseToken(token, {
      audience: [options.audience].flat()[0]!,
      issuer: options.issuer,
      claim: options.claim,
      // The diagnosis allows 60 s of skew; the verifier already decided, so explain from its view.
      now: Date.now() / 1000,
    });
  } catch {
    return [];
  }
}

/** A claim check failed after the signature was verified: name the claim, or the ID token. */
function claimRefusal(claim: string, token: string, options: ResolvedOptions): ServerFinding {
  const wanted = CLAIM_CODES[claim];
  const found = wanted && diagnosis(token, options).find((f) => wanted.includes(f.code));
  if (found) return refusal(found);
  const [code, message] = FALLBACK[claim] ?? [
    'MALFORMED_TOKEN',
    `The "${claim}" claim is invalid.`,
  ];
  const fix =
    code === 'TOKEN_EXPIRED'
      ? 'Get a fresh token (getAccessToken()).'
      : 'Send an access token issued by this tenant for this API.';
  return serverRefusal({ code, message, fix, evidence: { claim } });
}

/** Not a signed JWT at all: opaque, encrypted (JWE), or garbage; the diagnosis knows which. */
function shapeRefusal(token: string, options: ResolvedOptions, reason: string): ServerFinding {
  const found = diagnosis(token, options)[0];
  return refusal(
    found && ['OPAQUE_TOKEN', 'MALFORMED_TOKEN', 'NO_TOKEN'].includes(found.code)
      ? found
      : malformed(reason, { length: token.length }),
  );
}

/**
 * Explains why jose refused `token`. Runs only on failure, so a valid token costs one
 * verification and nothing else.
 */
export function classify(error: unknown, token: string, options: ResolvedOptions): ServerFinding {
  const info = inspectToken(token);
  if (error instanceof KeySetUnavailable)
    return serverFinding.jwksUnavailable(options.jwksUri, error.message);
  // Whatever jose tripped on first, a token that does not even decode is told as such.
  if (info.kind !== 'jwt') return shapeRefusal(token, options, String((error as Error)?.message));
  const { header } = info;
  if (error instanceof errors.JOSEAlgNotAllowed)
    return serverFinding.algorithm(header.alg, options.algorithms);
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return serverFinding.keyNotFound(header.kid, options.jwksUri);
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return serverFinding.signature(header.kid, options.issuer);
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) {
    if (error.claim === 'exp' && error.reason === 'missing')
      return serverFinding.badClaim('exp', true);
    // jose refuses a time claim that is no number as 'invalid', and compares ±Infinity (JSON
    // 1e400) as a number (nbf: Infinity "not yet valid"): whatever claim it tripped on, a time
    // that is no number makes the token malformed, as when it passes jose (verify.ts).
    const bad = error.reason === 'invalid' ? error.claim : badTimeClaim(error.payload);
    if (bad) return serverFinding.badClaim(bad);
    return claimRefusal(error.claim, token, options);
  }
  return shapeRefusal(token, options, String((error as Error)?.message ?? error));
}
