import type { DiagnoseExpected, Finding } from '../types.js';
import { diagnoseClaims } from './claims.js';
import { callbackParams, diagnoseError } from './errors.js';
import { type Claims, isObject } from './finding.js';
import { diagnoseOptions, isOptions } from './options.js';
import { diagnoseToken, malformed, noToken } from './token.js';

/**
 * Explains why permissions are missing. `input` is an access token (or `Bearer …`), a claims
 * object, a token response (`access_token` / `accessToken`), an error from auth0-spa-js, Lock,
 * an `/authorize` callback (URL or query string) or this library, or an auth0-spa-js / Lock
 * options object. Never throws; an empty list means nothing is wrong.
 *
 * @example
 * for (const f of diagnose(token, { audience: 'https://api.example.com' }))
 *   console.warn(`[${f.code}] ${f.message} Fix: ${f.fix}`, f.evidence);
 */
export function diagnose(input: unknown, expected: DiagnoseExpected = {}): Finding[] {
  if (typeof input === 'string') {
    const value = input.trim().replace(/^bearer\s+/i, '');
    if (!value) return [noToken()];
    return /(^|[?#&])error=/.test(value)
      ? diagnoseError(callbackParams(value), expected)
      : diagnoseToken(value, expected);
  }
  if (input instanceof Error) return diagnoseError(input as unknown as Claims, expected);
  if (!isObject(input)) return [input == null ? noToken() : malformed('it is not a string', 0)];
  if (
    ['error', 'error_description', 'errorDescription', 'status', 'statusCode'].some(
      (k) => k in input,
    ) ||
    typeof input.code === 'string'
  )
    return diagnoseError(input, expected);
  const token = input.access_token ?? input.accessToken;
  if (token !== undefined) return diagnose(token, expected);
  if (isOptions(input)) return diagnoseOptions(input, expected);
  return diagnoseClaims(input, expected);
}
