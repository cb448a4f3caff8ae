// The server and the browser decide alike: for 10,000 random (permission set, expression)
// pairs, the verified token's check() on the server equals check() over what the page decodes
// from the same token, errors included.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { permissionsFromClaims } from '../../src/claims.js';
import { type VerifiedAccessToken, verifyAccessToken } from '../../src/server/index.js';
import { inspectToken } from '../../src/token.js';
import { AUDIENCE, type JwksServer, makeKey, type SigningKey, sign, startJwks } from './support.js';

const NAMES = [
  'read:reports',
  'delete:reports',
  'reports:export',
  'admin',
  'AND',
  'a:b:c',
  'ab',
  'aXb',
  'x*',
];
const PATTERNS = [...NAMES, 'reports:*', '*:reports', 'a*b', '*', 'read:*s'];

const expression = fc.letrec((tie) => ({
  leaf: fc.constantFrom(...PATTERNS),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.tuple(fc.constantFrom('not ', '!', '! '), tie('node')).map(([op, e]) => `${op}${e}`),
    fc
      .tuple(tie('node'), fc.constantFrom(' and ', ' && ', ' or ', ' || ', '&&'), tie('node'))
      .map(([a, op, b]) => `${a}${op}${b}`),
    tie('node').map((e) => `(${e})`),
  ),
})).node as fc.Arbitrary<string>;

// 64 random permission sets, each signed into a token and verified once (RSA is the slow part).
const SETS = fc.sample(
  fc.uniqueArray(fc.constantFrom(...NAMES, 'reports:read', 'admin:reports', 'a:b'), {
    maxLength: 6,
  }),
  { numRuns: 64, seed: 16 },
);
const pair = fc.tuple(
  fc.integer({ min: 0, max: SETS.length - 1 }),
  fc.oneof({ weight: 9, arbitrary: expression }, { weight: 1, arbitrary: fc.string() }),
);

let jwks: JwksServer;
let key: SigningKey;
const sides: { server: VerifiedAccessToken; page: ReadonlySet<string> }[] = [];

beforeAll(async () => {
  key = await makeKey('k1');
  jwks = await startJwks([key]);
  for (const granted of SETS) {
    const token = await sign(key, jwks.issuer, { permissions: granted });
    const info = inspectToken(token);
    sides.push({
      server: await verifyAccessToken(token, { issuer: jwks.issuer, audience: AUDIENCE }),
      page: permissionsFromClaims(info.kind === 'jwt' ? info.claims : {}),
    });
  }
});
afterAll(() => jwks.close());

const outcome = (decide: () => boolean) => {
  try {
    return decide();
  } catch (error) {
    const { code, position } = error as { code: string; position: number };
    return `${code}@${position}`;
  }
};

describe('server and browser agree', () => {
  it('on 10,000 random (permission set, expression) pairs', () => {
    let compared = 0;
    fc.assert(
      fc.property(pair, ([index, expr]) => {
        const { server, page } = sides[index]!;
        compared++;
        expect(outcome(() => server.check(expr))).toBe(outcome(() => check(page, expr)));
      }),
      { numRuns: 10_000 },
    );
    expect(compared).toBe(10_000);
  });
});
