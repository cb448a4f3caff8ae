// @ts-check
import { randomBytes } from 'node:crypto';
import {
  CompactEncrypt,
  calculateJwkThumbprint,
  compactDecrypt,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
} from 'jose';

/**
 * @typedef {CryptoKey | import('jose').KeyObject} Key
 * @typedef {{ kid: string, privateKey: Key, publicJwk: import('jose').JWK,
 *   rogueKey: () => Promise<Key>, secret: Uint8Array }} Keys
 */

/** RSA generation takes ~0.4 s: one pair per process, shared by every tenant it starts. */
/** @type {Promise<{ privateKey: Key, publicKey: Key }> | null} */
let sharedPair = null;
/** @type {Promise<{ privateKey: Key }> | null} */
let roguePair = null;

/**
 * The tenant's signing key (RS256, generated once per process unless a private JWK is given),
 * a second "rogue" key that forges bad signatures under the same kid (made on first use: the
 * admin API makes it when a bad-signature fault is added, see admin.js), and a secret for the
 * encrypted (opaque) /userinfo access tokens.
 * @param {import('jose').JWK} [privateJwk]
 * @returns {Promise<Keys>}
 */
export async function createKeys(privateJwk) {
  let privateKey;
  let publicJwk;
  if (privateJwk) {
    // An RSA JWK imports as a key, never as the raw bytes importJWK returns for `oct`.
    privateKey = /** @type {Key} */ (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256'));
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = privateJwk;
    publicJwk = pub;
  } else {
    sharedPair ??= generateKeyPair('RS256', { extractable: true });
    const pair = await sharedPair;
    privateKey = pair.privateKey;
    publicJwk = await exportJWK(pair.publicKey);
  }
  const kid = privateJwk?.kid ?? (await calculateJwkThumbprint(publicJwk)).slice(0, 16);
  const { n, e } = publicJwk;
  if (!n || !e) throw new Error('[dev-tenant] privateKey must be an RSA private JWK (n, e, d…)');
  return {
    kid,
    privateKey,
    publicJwk: { kty: 'RSA', n, e, kid, use: 'sig', alg: 'RS256' },
    rogueKey: async () => {
      roguePair ??= generateKeyPair('RS256');
      return (await roguePair).privateKey;
    },
    secret: randomBytes(32),
  };
}

/** @param {Keys} keys */
export function jwks(keys) {
  return { keys: [keys.publicJwk] };
}

/**
 * @param {Keys} keys
 * @param {Record<string, unknown>} claims
 * @param {{ rogue?: boolean }} [options]
 */
export async function signJwt(keys, claims, options = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keys.kid })
    .sign(options.rogue ? await keys.rogueKey() : keys.privateKey);
}

/**
 * An access token for no audience, shaped like Auth0's: a JWE with `{alg: dir, enc: A256GCM}`.
 * @param {Keys} keys @param {Record<string, unknown>} claims @param {string} issuer
 */
export function encryptOpaque(keys, claims, issuer) {
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', iss: issuer })
    .encrypt(keys.secret);
}

/** @param {Keys} keys @param {string} token @returns {Promise<Record<string, any> | null>} */
export async function decryptOpaque(keys, token) {
  try {
    const { plaintext } = await compactDecrypt(token, keys.secret);
    return JSON.parse(new TextDecoder().decode(plaintext));
  } catch {
    return null;
  }
}
