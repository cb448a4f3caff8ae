import { jwtDecode } from 'jwt-decode';

/** A JSON object decoded from a token part. */
export type JsonObject = Record<string, unknown>;

/**
 * What {@link inspectToken} found:
 * - `jwt`: three parts that decode to a JSON object header and claims (signature NOT verified);
 * - `encrypted`: five parts (JWE), e.g. the `{"alg":"dir","enc":"A256GCM"}` token Auth0 issues
 *   for `/userinfo` when no `audience` was sent;
 * - `opaque`: no dots, e.g. an Auth0 access token issued without an audience;
 * - `malformed`: looks like a JWT but does not decode, or is not a token at all;
 * - `none`: no token (`undefined`, `null`, an empty string, or not a string).
 */
export type TokenInspection =
  | { kind: 'jwt'; header: JsonObject; claims: JsonObject; size: number }
  | { kind: 'encrypted'; header: JsonObject | undefined; size: number }
  | { kind: 'opaque'; size: number }
  | { kind: 'malformed'; reason: string; size: number }
  | { kind: 'none'; size: 0 };

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function decodePart(token: string, header: boolean): JsonObject | string {
  try {
    const value: unknown = jwtDecode(token, { header });
    return isJsonObject(value)
      ? value
      : `its ${header ? 'header' : 'payload'} is not a JSON object`;
  } catch (error) {
    return (error as Error).message;
  }
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
  const parts = token.split('.').length;
  const malformed = (reason: string) => ({ kind: 'malformed', reason, size }) as const;
  if (/\s/.test(token)) return malformed('it contains whitespace');
  if (parts === 1) return { kind: 'opaque', size };
  const header = decodePart(token, true);
  if (parts === 5)
    return { kind: 'encrypted', header: typeof header === 'string' ? undefined : header, size };
  if (parts !== 3) return malformed(`it has ${parts} parts, not 3`);
  if (typeof header === 'string') return malformed(header);
  const claims = decodePart(token, false);
  return typeof claims === 'string' ? malformed(claims) : { kind: 'jwt', header, claims, size };
}
