import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/**
 * Token helpers for every test: base64url, unsigned tokens for the decoding-only code paths,
 * and RS256 tokens signed with a key the stand-in can be started with (so the stand-in's JWKS
 * verifies them).
 */

/** base64url of a string as is, or of any other value's JSON. */
export function b64url(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Seconds since the epoch, as `iat` / `exp` count. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * A JWT-shaped token that is not signed (the library decodes, it never verifies).
 * Default claims: `iat` now, `exp` in an hour.
 */
export function unsignedToken(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
  signature = 'sig',
): string {
  const payload = { iat: nowSeconds(), exp: nowSeconds() + 3600, ...claims };
  return `${b64url(header)}.${b64url(payload)}.${signature}`;
}

/** The payload of a JWT, decoded without any check. */
export function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

export type SigningKey = {
  kid: string;
  /** Pass as `startTenant({ privateKey })`: the stand-in then signs and publishes this key. */
  privateJwk: JWK;
  /** An RS256 token with this key's `kid` (`header` overrides the protected header). */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
};

let shared: Promise<SigningKey> | undefined;

/** One RS256 key pair per test process (generation takes ~0.4 s). */
export function signingKey(): Promise<SigningKey> {
  shared ??= (async () => {
    const kid = 'test-key-1';
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
    return {
      kid,
      privateJwk,
      sign: (claims, header = {}) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid, ...header })
          .sign(privateKey),
    };
  })();
  return shared;
}
