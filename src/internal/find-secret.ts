import { isObject } from './object.js';

const SECRET_KEY = /^client_?secret$/i;
/** Levels searched below the top (`auth.params.x.client_secret` is found). */
const DEPTH = 3;

/**
 * The path of a client secret (`clientSecret`, `client_secret`) set in SDK options, such as
 * `auth.params.client_secret`, or `undefined`. The adapters refuse it, the diagnosis explains it.
 */
export function findSecret(options: unknown, depth = 0): string | undefined {
  if (!isObject(options)) return undefined;
  for (const [key, value] of Object.entries(options)) {
    if (SECRET_KEY.test(key) && value) return key;
    const inner = depth < DEPTH ? findSecret(value, depth + 1) : undefined;
    if (inner) return `${key}.${inner}`;
  }
  return undefined;
}
