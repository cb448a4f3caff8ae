import { jwtDecode } from 'jwt-decode';
import { isObject } from './internal/object.js';

/** A JSON object decoded from a token part. */
export type JsonObject = Record<string, unknown>;

/**
 * The longest token inspected, in characters (1 MiB). Auth0 issues tokens of a few KB; a longer
 * one is refused before it is split or decoded, so garbage cannot cost seconds and gigabytes.
 */
export const MAX_TOKEN_LENGTH = 1024 * 1024;

/**
 * What {@link inspectToken} found:
 * - `jwt`: three parts that decode to a JSON object header and claims (signature NOT verified);
 * - `encrypted`: five parts (JWE), e.g. the `{"alg":"dir","enc":"A256GCM"}` token Auth0 issues
 *   for `/userinfo` when no `audience` was sent;
 * - `opaque`: no dots, e.g. an Auth0 access token issued without an audience;
 * - `malformed`: looks like a JWT but does not decode, is not a token at all, or is longer than
 *   {@link MAX_TOKEN_LENGTH} (not decoded);
 * - `none`: no token (`undefined`, `null`, an empty string, or not a string).
 */
export type TokenInspection =
  | { kind: 'jwt'; header: JsonObject; claims: JsonObject; size: number }
  | { kind: 'encrypted'; header: JsonObject | undefined; size: number }
  | { kind: 'opaque'; size: number }
  | { kind: 'malformed'; reason: string; size: number }
  | { kind: 'none'; size: 0 };

/** The JSON object in the token's header or payload, or why there is none. */
function decodePart(token: string, header: boolean): JsonObject | string {
  try {
    const value: unknown = jwtDecode(token, { header });
    if (isObject(value)) return value;
  } catch {}
  return `its ${header ? 'header' : 'payload'} is not a base64url JSON object`;
}

/**
 * Classifies a token without verifying it and without throwing, whatever the input.
 *
 * @example
 * const info = inspectToken(accessToken);
 * if (info.kind === 'jwt') console.log(info.claims.permissions);
 */
export function inspectToken(token: unknown): TokenInspection {
  if (typeof token !== 'string' || !token.trim()) return { kind: 'none', size: 0 };
  const size = token.length;
  const malformed = (reason: string) => ({ kind: 'malformed', reason, size }) as const;
  if (size > MAX_TOKEN_LENGTH) return malformed(`it is longer than ${MAX_TOKEN_LENGTH} characters`);
  if (/\s/.test(token)) return malformed('it contains whitespace');
  const parts = token.split('.');
  if (parts.length === 1) return { kind: 'opaque', size };
  const header = decodePart(token, true);
  if (parts.length === 5)
    return { kind: 'encrypted', header: typeof header === 'string' ? undefined : header, size };
  if (parts.length !== 3) return malformed(`it has ${parts.length} parts, not 3`);
  if (typeof header === 'string') return malformed(header);
  const claims = decodePart(token, false);
  return typeof claims === 'string' ? malformed(claims) : { kind: 'jwt', header, claims, size };
}
