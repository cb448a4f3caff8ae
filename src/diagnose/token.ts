import { inspectToken, MAX_TOKEN_LENGTH } from '../token.js';
import type { DiagnoseExpected, Finding } from '../types.js';
import { diagnoseClaims } from './claims.js';
import { finding, malformed } from './finding.js';
import { audienceFix, NO_TOKEN_FIX, SHRINK_FIX } from './messages.js';

const MAX_SIZE = 8192;

export const noToken = () =>
  finding({
    code: 'NO_TOKEN',
    severity: 'error',
    message: 'There is no access token.',
    fix: NO_TOKEN_FIX,
  });

/** Explains an access token given as a string. */
export function diagnoseToken(token: string, expected: DiagnoseExpected): Finding[] {
  const info = inspectToken(token);
  const { size } = info;
  // Refused unread by the instance too: no other finding could be trusted.
  if (size > MAX_TOKEN_LENGTH)
    return [
      finding({
        code: 'TOKEN_TOO_LARGE',
        severity: 'error',
        message: `The token is ${size} characters, over the ${MAX_TOKEN_LENGTH} this library reads: refused unread.`,
        fix: `${SHRINK_FIX} Check that it is an access token, not a whole response or page.`,
        evidence: { length: size, limit: MAX_TOKEN_LENGTH },
      }),
    ];
  let out: Finding[];
  if (info.kind === 'jwt') out = diagnoseClaims(info.claims, expected);
  else if (info.kind === 'none') out = [noToken()];
  else if (info.kind === 'malformed') out = [malformed(info.reason, { length: size })];
  else if (info.kind === 'opaque' && !/^[\w~+/=-]+$/.test(token))
    out = [malformed('it contains characters no token has', { length: size })];
  else
    out = [
      finding({
        code: 'OPAQUE_TOKEN',
        severity: 'error',
        message:
          info.kind === 'opaque'
            ? 'Opaque access token (not a JWT): no audience was sent to /authorize.'
            : 'Encrypted (JWE) access token, only for /userinfo: no audience was sent to /authorize.',
        fix: audienceFix(expected.audience),
        evidence: {
          kind: info.kind,
          length: size,
          ...(info.kind === 'encrypted' ? { header: info.header } : {}),
        },
      }),
    ];
  if (size > MAX_SIZE)
    out.push(
      finding({
        code: 'TOKEN_TOO_LARGE',
        severity: 'warning',
        message: `The token is ${size} characters; over 8 KB many servers and proxies reject it.`,
        fix: SHRINK_FIX,
        evidence: { length: size, limit: MAX_SIZE },
      }),
    );
  return out;
}
