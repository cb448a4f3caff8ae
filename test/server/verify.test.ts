import { createPublicKey } from 'node:crypto';
import { CompactEncrypt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAuth0PermissionsError } from '../../src/errors.js';
import { AccessTokenError, verifyAccessToken } from '../../src/server/index.js';
import {
  AUDIENCE,
  type JwksServer,
  makeKey,
  type SigningKey,
  sign,
  signText,
  startJwks,
  unsigned,
} from './support.js';

let jwks: JwksServer;
let key: SigningKey;
let rogue: SigningKey;
let options: { issuer: string; audience: string };
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  [key, rogue] = await Promise.all([makeKey('k1'), makeKey('k1')]);
  jwks = await startJwks([key]);
  options = { issuer: jwks.issuer, audience: AUDIENCE };
});
afterAll(() => jwks.close());

/** The refusal of `token`, asserting it is a coded error that never repeats the token. */
async function refusal(token: string, opts: object = options) {
  const error = await verifyAccessToken(token, opts as typeof options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccessTokenError);
  const refused = error as AccessTokenError;
  expect(isAuth0PermissionsError(refused)).toBe(true);
  const shown = JSON.stringify([refused.message, refused.fix, refused.finding]);
  if (token.length > 20) expect(shown).not.toContain(token);
  return { code: refused.code, status: refused.status, fix: refused.fix, error: refused };
}

describe('verifyAccessToken: a valid token', () => {
  it('returns the claims, the permissions and the same expression check as the browser', async () => {
    const token = await sign(key, jwks.issuer, { permissions: ['read:reports', 'reports:export'] });
    const verified = await verifyAccessToken(token, options);
    expect(verified.claims.sub).toBe('auth0|viewer');
    expect([...verified.permissions]).toEqual(['read:reports', 'reports:export']);
    expect(verified.check('read:reports and not delete:reports')).toBe(true);
    expect(verified.check('reports:* and delete:reports')).toBe(false);
    expect(() => verified.check('read:reports delete:reports')).toThrow(
      expect.objectContaining({ code: 'ERR_EXPRESSION_SYNTAX' }),
    );
  });

  it('accepts aud as a string or an array, and several accepted audiences', async () => {
    const single = await sign(key, jwks.issuer, { aud: AUDIENCE });
    await expect(verifyAccessToken(single, options)).resolves.toBeTruthy();
    const other = await sign(key, jwks.issuer, { aud: 'https://other.example.com' });
    await expect(
      verifyAccessToken(other, { ...options, audience: [AUDIENCE, 'https://other.example.com'] }),
    ).resolves.toBeTruthy();
  });

  it('derives the issuer from the domain, and reads scope when told to', async () => {
    const token = await sign(key, jwks.issuer, { permissions: undefined, scope: 'read:reports' });
    const verified = await verifyAccessToken(token, {
      domain: jwks.issuer.replace(/\/$/, ''),
      audience: AUDIENCE,
      claim: 'scope',
    });
    expect(verified.check('read:reports')).toBe(true);
  });

  it('accepts a token expired within clockTolerance (5 s by default)', async () => {
    const token = await sign(key, jwks.issuer, { exp: now() - 2 });
    await expect(verifyAccessToken(token, options)).resolves.toBeTruthy();
    await expect(verifyAccessToken(token, { ...options, clockTolerance: 0 })).rejects.toMatchObject(
      { code: 'TOKEN_EXPIRED' },
    );
  });
});

describe('verifyAccessToken: setup errors are coded, never a skipped check', () => {
  it.each([
    ['no audience', { issuer: 'https://example.auth0.com/' }],
    ['an empty audience', { issuer: 'https://example.auth0.com/', audience: '' }],
    ['no domain or issuer', { audience: AUDIENCE }],
    ['HS256 allowed', { domain: 'example.auth0.com', audience: AUDIENCE, algorithms: ['HS256'] }],
    ['alg none allowed', { domain: 'example.auth0.com', audience: AUDIENCE, algorithms: ['none'] }],
    ['a key set over http', { domain: 'http://example.auth0.com', audience: AUDIENCE }],
    ['no options', undefined],
  ])('%s → ERR_INVALID_OPTIONS', async (_name, opts) => {
    const token = await sign(key, jwks.issuer);
    await expect(verifyAccessToken(token, opts as typeof options)).rejects.toMatchObject({
      name: 'Auth0PermissionsError',
      code: 'ERR_INVALID_OPTIONS',
    });
  });
});

describe('verifyAccessToken: crafted tokens are refused with the right code', () => {
  it('alg: none → ALGORITHM_NOT_ALLOWED', async () => {
    const token = unsigned(
      { alg: 'none', typ: 'JWT' },
      { iss: jwks.issuer, aud: AUDIENCE, exp: now() + 600, permissions: ['admin'] },
    );
    expect(await refusal(token)).toMatchObject({ code: 'ALGORITHM_NOT_ALLOWED', status: 401 });
  });

  it('HS256 "signed" with the public key as the secret → ALGORITHM_NOT_ALLOWED', async () => {
    const pem = createPublicKey({ key: key.publicJwk as never, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const token = await new SignJWT({ permissions: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(jwks.issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(String(pem)));
    expect(await refusal(token)).toMatchObject({ code: 'ALGORITHM_NOT_ALLOWED', status: 401 });
  });

  it('signed by another key under the same kid → SIGNATURE_INVALID', async () => {
    const token = await sign(rogue, jwks.issuer, { permissions: ['admin'] });
    expect(await refusal(token)).toMatchObject({ code: 'SIGNATURE_INVALID', status: 401 });
  });

  it('claims edited after signing → SIGNATURE_INVALID', async () => {
    const [header, , signature] = (await sign(key, jwks.issuer)).split('.');
    const forged = `${header}.${Buffer.from(
      JSON.stringify({ iss: jwks.issuer, aud: AUDIENCE, exp: now() + 600, permissions: ['admin'] }),
    ).toString('base64url')}.${signature}`;
    expect(await refusal(forged)).toMatchObject({ code: 'SIGNATURE_INVALID' });
  });

  it('wrong aud → AUDIENCE_MISMATCH, with a fix naming the audience', async () => {
    const token = await sign(key, jwks.issuer, { aud: 'https://wrong-api.example.com' });
    const found = await refusal(token);
    expect(found).toMatchObject({ code: 'AUDIENCE_MISMATCH', status: 401 });
    expect(found.fix).toContain(AUDIENCE);
  });

  it('the Management API audience → MANAGEMENT_API_AUDIENCE', async () => {
    const token = await sign(key, jwks.issuer, { aud: `${jwks.issuer}api/v2/` });
    expect(await refusal(token)).toMatchObject({ code: 'MANAGEMENT_API_AUDIENCE', status: 401 });
  });

  it('wrong iss → ISSUER_MISMATCH', async () => {
    const token = await sign(key, jwks.issuer, { iss: 'https://wrong-tenant.example.com/' });
    expect(await refusal(token)).toMatchObject({ code: 'ISSUER_MISMATCH', status: 401 });
  });

  it('expired → TOKEN_EXPIRED', async () => {
    const token = await sign(key, jwks.issuer, { iat: now() - 7200, exp: now() - 3600 });
    expect(await refusal(token)).toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
  });

  it('nbf in the future → TOKEN_NOT_YET_VALID', async () => {
    const token = await sign(key, jwks.issuer, { nbf: now() + 3600, exp: now() + 7200 });
    expect(await refusal(token)).toMatchObject({ code: 'TOKEN_NOT_YET_VALID', status: 401 });
  });

  it('no exp → refused (MALFORMED_TOKEN): a token that never expires is not accepted', async () => {
    const token = await sign(key, jwks.issuer, { exp: undefined });
    const found = await refusal(token);
    expect(found).toMatchObject({ code: 'MALFORMED_TOKEN', status: 401 });
    expect(found.error.message).toMatch(/no exp/);
  });

  it('an ID token → ID_TOKEN_USED', async () => {
    const token = await sign(key, jwks.issuer, {
      aud: 'my-client-id',
      nonce: 'n-1',
      email: 'viewer@example.com',
      scope: undefined,
      permissions: undefined,
    });
    const found = await refusal(token);
    expect(found).toMatchObject({ code: 'ID_TOKEN_USED', status: 401 });
    expect(found.fix).toMatch(/access token/);
  });

  it('an opaque token → OPAQUE_TOKEN; an encrypted (JWE) one too', async () => {
    expect(await refusal('a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuV')).toMatchObject({
      code: 'OPAQUE_TOKEN',
      status: 401,
    });
    const jwe = await new CompactEncrypt(new TextEncoder().encode('{"sub":"x"}'))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', iss: jwks.issuer })
      .encrypt(new Uint8Array(32));
    expect(await refusal(jwe)).toMatchObject({ code: 'OPAQUE_TOKEN', status: 401 });
  });

  it.each([
    ['not base64 JSON', 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln'],
    ['four parts', 'a.b.c.d'],
    ['a quoted token', '"eyJ.eyJ.sig"'],
  ])('garbage (%s) → MALFORMED_TOKEN', async (_name, token) => {
    expect(await refusal(token)).toMatchObject({ code: 'MALFORMED_TOKEN', status: 401 });
  });

  it('no token → NO_TOKEN', async () => {
    expect(await refusal('')).toMatchObject({ code: 'NO_TOKEN', status: 401 });
  });

  it('a 64 KB token → TOKEN_TOO_LARGE, refused before any parsing or key fetch', async () => {
    const before = jwks.fetches;
    const token = await sign(key, jwks.issuer, { filler: 'x'.repeat(64 * 1024) });
    expect(await refusal(token)).toMatchObject({ code: 'TOKEN_TOO_LARGE', status: 401 });
    expect(jwks.fetches).toBe(before);
  });

  it('no permissions claim → PERMISSIONS_CLAIM_MISSING (403), naming a namespaced claim', async () => {
    const bare = await sign(key, jwks.issuer, { permissions: undefined });
    expect(await refusal(bare)).toMatchObject({ code: 'PERMISSIONS_CLAIM_MISSING', status: 403 });
    const namespaced = await sign(key, jwks.issuer, {
      permissions: undefined,
      'https://example.com/permissions': ['read:reports'],
    });
    const found = await refusal(namespaced);
    expect(found).toMatchObject({ code: 'PERMISSIONS_CLAIM_MISSING', status: 403 });
    expect(found.fix).toContain("claim: 'https://example.com/permissions'");
  });
});

describe('verifyAccessToken: time claims no Date can hold, or that are no number', () => {
  // jose compares any JSON number, so these reach the diagnosis that explains a refusal.
  it('exp before any date (-1e13) → TOKEN_EXPIRED, not a RangeError', async () => {
    const token = await sign(key, jwks.issuer, { exp: -1e13 });
    expect(await refusal(token)).toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
  });

  it('nbf after any date (now + 1e13) → TOKEN_NOT_YET_VALID, not a RangeError', async () => {
    const nbf = now() + 1e13;
    const token = await sign(key, jwks.issuer, { nbf, exp: nbf + 1e13 });
    const found = await refusal(token);
    expect(found).toMatchObject({ code: 'TOKEN_NOT_YET_VALID', status: 401 });
    expect(found.error.finding.evidence).toMatchObject({ nbf });
  });

  it('exp: 1e300 is far away but a time: accepted, as the browser instance does', async () => {
    const token = await sign(key, jwks.issuer, { exp: 1e300 });
    await expect(verifyAccessToken(token, options)).resolves.toBeTruthy();
  });

  // JSON 1e400 parses to ±Infinity: no time at all. jose refuses some (nbf: Infinity, exp:
  // -Infinity) and accepts the others; the browser refuses an exp that is not finite.
  it.each([
    ['exp', '1e400'],
    ['exp', '-1e400'],
    ['nbf', '1e400'],
    ['nbf', '-1e400'],
    ['iat', '1e400'],
    ['iat', '-1e400'],
  ])('%s: %s → MALFORMED_TOKEN naming the claim', async (name, value) => {
    const token = await signText(key, jwks.issuer, `"${name}":${value}`, { [name]: undefined });
    const found = await refusal(token);
    expect(found).toMatchObject({ code: 'MALFORMED_TOKEN', status: 401 });
    expect(found.error.message).toBe(`The token's "${name}" claim is not a number of seconds.`);
    expect(found.error.finding.evidence).toEqual({ reason: `invalid ${name}`, claim: name });
  });
});

describe('key set cache', () => {
  it('fetches one key set per issuer, whatever the number of option objects and calls', async () => {
    const own = await startJwks([key]);
    try {
      const token = await sign(key, own.issuer);
      for (let i = 0; i < 5; i++)
        await verifyAccessToken(token, { issuer: own.issuer, audience: AUDIENCE });
      await Promise.all(
        Array.from({ length: 5 }, () =>
          verifyAccessToken(token, { domain: own.issuer, audience: [AUDIENCE] }),
        ),
      );
      expect(own.fetches).toBe(1);
    } finally {
      await own.close();
    }
  });
});
