import { inspectToken } from '../token.js';
import type { DiagnoseExpected, Finding } from '../types.js';
import { diagnoseClaims } from './claims.js';
import { finding } from './finding.js';
import { audienceFix, NO_TOKEN_FIX, SHRINK_FIX } from './messages.js';

const MAX_SIZE = 8192;

export const noToken = () =>
  finding('NO_TOKEN', 'error', 'There is no access token.', NO_TOKEN_FIX);

export const malformed = (reason: string, length: number) =>
  finding(
    'MALFORMED_TOKEN',
    'error',
    `This is not a token: ${reason}.`,
    'Pass the bare access token (getTokenSilently(), authResult.accessToken): no quotes, no JSON, not cut short.',
    { reason, length },
  );

/** Explains an access token given as a string. */
export function diagnoseToken(token: string, expected: DiagnoseExpected): Finding[] {
  const info = inspectToken(token);
  const { size } = info;
  let out: Finding[];
  if (info.kind === 'jwt') out = diagnoseClaims(info.claims, expected);
  else if (info.kind === 'none') out = [noToken()];
  else if (info.kind === 'malformed') out = [malformed(info.reason, size)];
  else if (info.kind === 'opaque' && !/^[\w~+/=-]+$/.test(token))
    out = [malformed('it contains characters no token has', size)];
  else
    out = [
      finding(
        'OPAQUE_TOKEN',
        'error',
        info.kind === 'opaque'
          ? 'Opaque access token (not a JWT): no audience was sent to /authorize.'
          : 'Encrypted (JWE) access token, only for /userinfo: no audience was sent to /authorize.',
        audienceFix(expected.audience),
        {
          kind: info.kind,
          length: size,
          ...(info.kind === 'encrypted' ? { header: info.header } : {}),
        },
      ),
    ];
  if (size > MAX_SIZE)
    out.push(
      finding(
        'TOKEN_TOO_LARGE',
        'warning',
        `The token is ${size} characters; over 8 KB many servers and proxies reject it.`,
        SHRINK_FIX,
        { length: size, limit: MAX_SIZE },
      ),
    );
  return out;
}
