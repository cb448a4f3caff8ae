import { isObject } from '../internal/object.js';
import type { DiagnoseExpected, Finding } from '../types.js';
import { diagnoseClaims } from './claims.js';
import { callbackParams, diagnoseError } from './errors.js';
import { type Claims, finding, malformed } from './finding.js';
import { diagnoseOptions, isOptions } from './options.js';
import { diagnoseToken, noToken } from './token.js';

/** Fields that make an object an error (OAuth, auth0-spa-js, Lock / auth0-js, this library). */
const ERROR_FIELDS = [
  'error',
  'error_description',
  'errorDescription',
  'status',
  'statusCode',
  'original',
];

const isError = (input: Claims) =>
  ERROR_FIELDS.some((k) => k in input) ||
  typeof input.code === 'string' ||
  // An Error's JSON form: { name: 'TypeError', message: '…' }.
  (typeof input.name === 'string' && /error/i.test(input.name) && 'message' in input);

function explain(input: unknown, expected: DiagnoseExpected): Finding[] {
  if (typeof input === 'string') {
    const value = input.trim().replace(/^bearer\s+/i, '');
    if (!value) return [noToken()];
    return /(^|[?#&])error=/.test(value)
      ? diagnoseError(callbackParams(value), expected)
      : diagnoseToken(value, expected);
  }
  if (input instanceof Error) return diagnoseError(input as unknown as Claims, expected);
  if (!isObject(input))
    return [input == null ? noToken() : malformed('it is not a string', { length: 0 })];
  if (isError(input)) return diagnoseError(input, expected);
  const token = input.access_token ?? input.accessToken;
  // A token response holds a string; anything else there is no token.
  if (token !== undefined)
    return typeof token === 'string' ? explain(token, expected) : [noToken()];
  if (isOptions(input)) return diagnoseOptions(input, expected);
  return diagnoseClaims(input, expected);
}

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
  try {
    return explain(input, expected);
  } catch (error) {
    // Last resort only: every path is bounded (causes, nesting, sizes), but input may hold
    // throwing getters or proxies. An input that cannot be read is no token.
    return [
      finding({
        code: 'MALFORMED_TOKEN',
        severity: 'error',
        message: 'The input could not be read as a token, claims, an error or SDK options.',
        fix: 'Pass the access token, the error the SDK threw, or its options object.',
        evidence: { reason: String((error as Error)?.name ?? error) },
      }),
    ];
  }
}
