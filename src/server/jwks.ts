import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';

/** The key set could not be fetched or read: a server-side problem, not the token's. */
export class KeySetUnavailable extends Error {
  override readonly name = 'KeySetUnavailable';
}

// One remote key set per URL and cooldown for the whole process, so every request (and every
// middleware built with the same settings) shares one cache and one rate limit on refetches.
const keySets = new Map<string, JWTVerifyGetKey>();

/**
 * The cached remote key set of `jwksUri`: fetched on first use, kept 10 minutes, refetched at
 * most once per `cooldown` ms when a token names an unknown `kid` (jose's rotation handling).
 */
export function keySetFor(jwksUri: string, cooldown: number): JWTVerifyGetKey {
  const id = `${cooldown} ${jwksUri}`;
  let keySet = keySets.get(id);
  if (!keySet) {
    const remote = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: cooldown });
    keySet = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        // No matching key is the token's fault; anything else (network, HTTP status, JSON) is ours.
        if (
          error instanceof errors.JWKSNoMatchingKey ||
          error instanceof errors.JWKSMultipleMatchingKeys
        )
          throw error;
        throw new KeySetUnavailable(String((error as Error)?.message ?? error), { cause: error });
      }
    };
    keySets.set(id, keySet);
  }
  return keySet;
}
