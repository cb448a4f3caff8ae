import type { DiagnoseExpected, Finding } from '../types.js';
import { finding, host } from './finding.js';
import { audienceFix } from './messages.js';

const domainHint = (a: string, b: string, why: string) =>
  host(a) && host(b) && host(a) !== host(b)
    ? ` Hosts differ (${host(a)} vs ${host(b)}): ${why}`
    : '';

/** Checks the audience a token carries (`aud`) or an SDK sends (`audience`). */
export function audienceFindings(audiences: string[], expected: DiagnoseExpected): Finding[] {
  const api = audiences.filter((a) => !a.endsWith('/userinfo'));
  const evidence = { aud: audiences.length === 1 ? audiences[0] : audiences };
  if (audiences.length && !api.length)
    return [
      finding({
        code: 'USERINFO_AUDIENCE_ONLY',
        severity: 'error',
        message: 'The audience is only /userinfo: no API permissions.',
        fix: audienceFix(expected.audience),
        evidence,
      }),
    ];
  if (api.some((a) => a.endsWith('/api/v2/')))
    return [
      finding({
        code: 'MANAGEMENT_API_AUDIENCE',
        severity: 'error',
        message: "The audience is Auth0's Management API (/api/v2/), not your API.",
        fix: audienceFix(expected.audience),
        evidence,
      }),
    ];
  const want = expected.audience;
  if (want && !audiences.includes(want)) {
    const close = api.find((a) => a.replace(/\/$/, '') === want.replace(/\/$/, ''));
    return [
      finding({
        code: 'AUDIENCE_MISMATCH',
        severity: 'error',
        message: `The audience is not '${want}'${close ? ' (only a trailing slash differs; it counts)' : ''}.`,
        fix: `${audienceFix(want)}${domainHint(want, api[0] ?? '', 'an Identifier is a fixed string; it does not follow a custom domain.')}`,
        evidence: { ...evidence, expected: want },
      }),
    ];
  }
  return [];
}

/** The `iss` Auth0 writes: `https://DOMAIN/`, or `DOMAIN/` when the domain has a scheme. */
export function expectedIssuer({ issuer, domain }: DiagnoseExpected): string | undefined {
  if (issuer) return issuer;
  if (!domain) return undefined;
  const base = domain.replace(/\/+$/, '');
  return /^https?:\/\//.test(base) ? `${base}/` : `https://${base}/`;
}

export function issuerFindings(iss: unknown, expected: DiagnoseExpected): Finding[] {
  const want = expectedIssuer(expected);
  if (!want || iss === undefined || iss === want) return [];
  const got = String(iss);
  return [
    finding({
      code: 'ISSUER_MISMATCH',
      severity: 'error',
      message: `Issued by '${got}', not '${want}'${got.replace(/\/$/, '') === want.replace(/\/$/, '') ? ' (the trailing slash counts)' : ''}.`,
      fix: `Log in through the domain your API trusts (domain: '${want.replace(/^https:\/\/|\/$/g, '')}'), or make the API accept this issuer.${domainHint(want, got, 'a token got through a custom domain has it as iss; use one domain in app and API.')}`,
      evidence: { iss, expected: want },
    }),
  ];
}
