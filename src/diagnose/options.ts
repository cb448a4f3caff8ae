import { findSecret } from '../internal/find-secret.js';
import { isObject } from '../internal/object.js';
import type { DiagnoseExpected, Finding } from '../types.js';
import { audienceFindings } from './audience.js';
import { type Claims, finding, text } from './finding.js';
import { audienceFix } from './messages.js';

const LOCK_ONLY = [
  'auth',
  'responseType',
  'redirectUrl',
  'allowedConnections',
  'theme',
  'languageDictionary',
  'oidcConformant',
  'autoclose',
  'closable',
  'container',
];

/** True for an auth0-spa-js or Lock options object (rather than claims). */
export const isOptions = (o: Claims) =>
  ['clientId', 'client_id', 'domain', 'authorizationParams', 'cacheLocation', ...LOCK_ONLY].some(
    (k) => k in o,
  );

const misplaced = (message: string, fix: string, evidence: Claims) =>
  finding({ code: 'AUDIENCE_MISPLACED', severity: 'error', message, fix, evidence });

function spaFindings(o: Claims, expected: DiagnoseExpected): Finding[] {
  const audience = text(
    isObject(o.authorizationParams) ? o.authorizationParams.audience : undefined,
  );
  if (audience) return audienceFindings([audience], expected);
  const top = text(o.audience);
  const fix = `authorizationParams: { audience: '${top ?? expected.audience ?? 'https://your-api'}' }.`;
  return [
    top
      ? misplaced(
          'auth0-spa-js 2.x ignores a top-level audience: tokens come back opaque.',
          `Move it: ${fix}`,
          { audience: top },
        )
      : finding({
          code: 'AUDIENCE_NOT_CONFIGURED',
          severity: 'error',
          message: 'No audience: Auth0 returns an opaque token without permissions.',
          fix: `Add ${fix}`,
          evidence: { authorizationParams: o.authorizationParams ?? null },
        }),
  ];
}

function lockFindings(o: Claims, expected: DiagnoseExpected): Finding[] {
  const auth = isObject(o.auth) ? o.auth : {};
  const params = isObject(auth.params) ? auth.params : {};
  const inAuth = text(auth.audience);
  const inParams = text(params.audience);
  const top = text(o.audience);
  const fix = audienceFix(inAuth ?? inParams ?? top ?? expected.audience);
  const out: Finding[] = [];
  if (!inAuth && !inParams)
    out.push(
      top
        ? misplaced('Lock drops a top-level audience.', fix, { audience: top })
        : finding({
            code: 'AUDIENCE_NOT_CONFIGURED',
            severity: 'error',
            message: 'No audience: Auth0 returns an opaque token without permissions.',
            fix,
            evidence: { auth: o.auth ?? null },
          }),
    );
  else if (!inAuth || (inParams && inParams !== inAuth))
    out.push(
      misplaced(
        inAuth
          ? 'auth.audience and auth.params.audience differ.'
          : 'The audience is only in auth.params: lock.checkSession() renews an opaque token.',
        fix,
        { 'auth.audience': inAuth ?? null, 'auth.params.audience': inParams },
      ),
    );
  else out.push(...audienceFindings([inAuth], expected));
  const responseType = text(auth.responseType ?? o.responseType);
  const redirectUrl = auth.redirectUrl ?? o.redirectUrl;
  if (responseType ? !/\btoken\b/.test(responseType) : redirectUrl)
    out.push(
      finding({
        code: 'LOCK_RESPONSE_TYPE_CODE',
        severity: 'error',
        message: `Lock responseType '${responseType ?? 'code'}'${responseType ? '' : ' (default with redirectUrl)'}: no access token, 'authenticated' never fires.`,
        fix: "auth: { responseType: 'token id_token' }.",
        evidence: { responseType: responseType ?? null, redirectUrl: redirectUrl ?? null },
      }),
    );
  return out;
}

/** Explains an auth0-spa-js or Lock options object. */
export function diagnoseOptions(o: Claims, expected: DiagnoseExpected): Finding[] {
  const secret = findSecret(o);
  const out = LOCK_ONLY.some((k) => k in o) ? lockFindings(o, expected) : spaFindings(o, expected);
  if (secret)
    out.unshift(
      finding({
        code: 'CLIENT_SECRET_IN_BROWSER',
        severity: 'error',
        message: 'A client secret is in browser code, readable by anyone.',
        fix: 'Remove it and rotate it (Applications → your app → Credentials); a SPA needs none.',
        evidence: { option: secret },
      }),
    );
  return out;
}
