import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAccessToken } from '../../src/server/index.js';
import { AUDIENCE, type JwksServer, makeKey, type SigningKey, sign, startJwks } from './support.js';

// jose's key set reads the time from Date.now(): only Date is faked, so sockets and fetch run
// for real while the 30 s cooldown and the 10 min cache age are stepped over.
let k1: SigningKey;
let k2: SigningKey;
let k3: SigningKey;
const servers: JwksServer[] = [];

beforeAll(async () => {
  [k1, k2, k3] = await Promise.all([makeKey('k1'), makeKey('k2'), makeKey('k3')]);
});
afterEach(() => void vi.useRealTimers());
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function server(keys: SigningKey[]) {
  const s = await startJwks(keys);
  servers.push(s);
  return { s, options: { issuer: s.issuer, audience: AUDIENCE } };
}
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (e: { code: string; status: number }) => `${e.code} ${e.status}`,
  );
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

describe('signing key rotation', () => {
  it('an unknown kid refetches the key set, at most once per 30 s cooldown', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { s, options } = await server([k1]);
    expect(await codeOf(verifyAccessToken(await sign(k1, s.issuer), options))).toBe('accepted');
    expect(s.fetches).toBe(1);

    // A new key appears; tokens signed with it arrive during the cooldown: no refetch storm.
    s.keys = [k1, k2];
    const rotated = await sign(k2, s.issuer);
    const early = await Promise.all(
      Array.from({ length: 10 }, () => codeOf(verifyAccessToken(rotated, options))),
    );
    expect(new Set(early)).toEqual(new Set(['KEY_NOT_FOUND 401']));
    expect(s.fetches).toBe(1);

    later(31_000);
    expect(await codeOf(verifyAccessToken(rotated, options))).toBe('accepted');
    expect(s.fetches).toBe(2);
    expect(await codeOf(verifyAccessToken(await sign(k1, s.issuer), options))).toBe('accepted');

    // A kid nobody serves (another tenant, a forged header): refused, one fetch per cooldown.
    const stranger = await sign(k3, s.issuer);
    for (let i = 0; i < 5; i++)
      expect(await codeOf(verifyAccessToken(stranger, options))).toBe('KEY_NOT_FOUND 401');
    expect(s.fetches).toBe(2);
    later(31_000);
    expect(await codeOf(verifyAccessToken(stranger, options))).toBe('KEY_NOT_FOUND 401');
    expect(s.fetches).toBe(3);
  });

  it('a removed key stops working once the key set is refetched', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { s, options } = await server([k1, k2]);
    const old = await sign(k1, s.issuer);
    expect(await codeOf(verifyAccessToken(old, options))).toBe('accepted');
    s.keys = [k2];
    later(11 * 60_000); // past jose's 10 min cache age
    expect(await codeOf(verifyAccessToken(old, options))).toBe('KEY_NOT_FOUND 401');
  });
});

describe('key set unavailable: fails closed with 503, never accepts', () => {
  it.each(['down', 'error'] as const)(
    'JWKS %s at the first request → JWKS_UNAVAILABLE',
    async (mode) => {
      const { s, options } = await server([k1]);
      s.mode = mode;
      const token = await sign(k1, s.issuer);
      expect(await codeOf(verifyAccessToken(token, options))).toBe('JWKS_UNAVAILABLE 503');
      // The failure is not cached: once the key set is back, the same token is accepted.
      s.mode = 'up';
      expect(await codeOf(verifyAccessToken(token, options))).toBe('accepted');
    },
  );

  it('a warm key set keeps verifying while the issuer is down, until its cache age ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { s, options } = await server([k1]);
    expect(await codeOf(verifyAccessToken(await sign(k1, s.issuer), options))).toBe('accepted');
    s.mode = 'down';
    later(5 * 60_000);
    expect(await codeOf(verifyAccessToken(await sign(k1, s.issuer), options))).toBe('accepted');
    later(6 * 60_000);
    expect(await codeOf(verifyAccessToken(await sign(k1, s.issuer), options))).toBe(
      'JWKS_UNAVAILABLE 503',
    );
  });

  it('an issuer nobody listens on → JWKS_UNAVAILABLE', async () => {
    const { s } = await server([k1]);
    const token = await sign(k1, s.issuer);
    const issuer = 'http://127.0.0.1:9/';
    expect(await codeOf(verifyAccessToken(token, { issuer, audience: AUDIENCE }))).toBe(
      'JWKS_UNAVAILABLE 503',
    );
  });
});
