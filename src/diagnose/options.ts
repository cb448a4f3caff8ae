import type { DiagnoseExpected, Finding } from '../types.js';
import { audienceFindings } from './audience.js';
import { type Claims, finding, isObject, text } from './finding.js';
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

/** The path of a `clientSecret` / `client_secret` option, searched a few levels deep. */
function secretPath(options: Claims, depth = 0): string | undefined {
  for (const [key, value] of Object.entries(options)) {
    if (/^client_?secret$/i.test(key) && value) return key;
    const inner = depth < 3 && isObject(value) ? secretPath(value, depth + 1) : undefined;
    if (inner) return `${key}.${inner}`;
  }
  return undefined;
}

const misplaced = (message: string, fix: string, evidence: Claims) =>
  finding('AUDIENCE_MISPLACED', 'error', message, fix, evidence);

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
      : finding(
          'AUDIENCE_NOT_CONFIGURED',
          'error',
          'No audience: Auth0 returns an opaque token without permissions.',
          `Add ${fix}`,
          { authorizationParams: o.authorizationParams ?? null },
        ),
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
        : finding(
            'AUDIENCE_NOT_CONFIGURED',
            'error',
            'No audience: Auth0 returns an opaque token without permissions.',
            fix,
            { auth: o.auth ?? null },
          ),
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
      finding(
        'LOCK_RESPONSE_TYPE_CODE',
        'error',
        `Lock responseType '${responseType ?? 'code'}'${responseType ? '' : ' (default with redirectUrl)'}: no access token, 'authenticated' never fires.`,
        "auth: { responseType: 'token id_token' }.",
        { responseType: responseType ?? null, redirectUrl: redirectUrl ?? null },
      ),
    );
  return out;
}

/** Explains an auth0-spa-js or Lock options object. */
export function diagnoseOptions(o: Claims, expected: DiagnoseExpected): Finding[] {
  const secret = secretPath(o);
  const out = LOCK_ONLY.some((k) => k in o) ? lockFindings(o, expected) : spaFindings(o, expected);
  if (secret)
    out.unshift(
      finding(
        'CLIENT_SECRET_IN_BROWSER',
        'error',
        'A client secret is in browser code, readable by anyone.',
        'Remove it and rotate it (Applications → your app → Credentials); a SPA needs none.',
        { option: secret },
      ),
    );
  return out;
}
