// @vitest-environment node
// 100,000 generated tokens and expressions: zero false grants, zero uncaught exceptions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, hasPermission } from '../src/check.js';
import { permissionsFromClaims } from '../src/claims.js';
import { isAuth0PermissionsError } from '../src/errors.js';
import { parsePermissionExpression } from '../src/expression.js';
import { inspectToken } from '../src/token.js';
import { b64url, decodePayload } from './support/tokens.js';

const NAMES = [
  'read:reports',
  'delete:reports',
  'admin',
  '__proto__',
  'constructor',
  'toString',
  '*',
  '',
];
const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 }));
const junk = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(name, fc.integer(), fc.constant(null), fc.object()), { maxLength: 6 }),
  fc.object({ maxDepth: 2 }),
  fc.dictionary(fc.constantFrom('permissions', '__proto__'), fc.array(name)),
);
const claimsArb = fc.record(
  { permissions: junk, scope: fc.oneof(fc.string(), junk), exp: fc.oneof(fc.integer(), junk) },
  { requiredKeys: [] },
);
const tokenArb = fc.oneof(
  {
    weight: 3,
    arbitrary: claimsArb.map((claims) => ({
      claims,
      token: `${b64url('{"alg":"RS256"}')}.${b64url(JSON.stringify(claims))}.sig`,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 60 }).map((token) => ({ claims: undefined, token })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
      )
      .map(([h, p]) => ({ claims: undefined, token: `${b64url(h)}.${b64url(p)}.x` })),
  },
);

/** What the token legitimately grants: the non-empty strings of an own `permissions` array. */
function oracle(token: string): Set<string> {
  try {
    const payload = decodePayload(token);
    if (token.split('.').length !== 3 || typeof payload !== 'object' || payload === null)
      return new Set();
    const list = Object.hasOwn(payload, 'permissions') ? payload.permissions : undefined;
    return new Set(
      Array.isArray(list) ? list.filter((p) => typeof p === 'string' && p !== '') : [],
    );
  } catch {
    return new Set();
  }
}

type Node = string | { op: 'not'; of: Node } | { op: 'and' | 'or'; left: Node; right: Node };
const nodeArb = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      'read:reports',
      'delete:reports',
      'admin',
      '__proto__',
      'constructor',
      'rep*',
      '*',
    ),
    tie('node').map((of) => ({ op: 'not' as const, of })),
    fc.record({
      op: fc.constantFrom('and' as const, 'or' as const),
      left: tie('node'),
      right: tie('node'),
    }),
  ),
})).node;
const render = (node: Node, spelling: number): string =>
  typeof node === 'string'
    ? node
    : node.op === 'not'
      ? `${spelling % 2 ? '!' : 'not '}(${render(node.of, spelling >> 1)})`
      : `(${render(node.left, spelling >> 1)}) ${node.op === 'and' ? (spelling % 2 ? '&&' : 'and') : spelling % 2 ? '||' : 'or'} (${render(node.right, spelling >> 2)})`;
const matches = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  ).test(value);
const evaluate = (node: Node, granted: Set<string>): boolean =>
  typeof node === 'string'
    ? [...granted].some((g) => matches(node, g))
    : node.op === 'not'
      ? !evaluate(node.of, granted)
      : node.op === 'and'
        ? evaluate(node.left, granted) && evaluate(node.right, granted)
        : evaluate(node.left, granted) || evaluate(node.right, granted);

/** 5,000 runs by default; `FUZZ_RUNS=50000 npx vitest run test/fuzz.test.ts` for the long run. */
const RUNS = Number(process.env.FUZZ_RUNS) || 5_000;

describe('fuzzing', () => {
  it(`${RUNS} tokens: never a permission the token does not hold, never an exception`, () => {
    fc.assert(
      fc.property(tokenArb, name, ({ token }, probe) => {
        const info = inspectToken(token);
        const granted =
          info.kind === 'jwt' ? permissionsFromClaims(info.claims) : new Set<string>();
        const legit = oracle(token);
        for (const p of granted) expect(legit.has(p)).toBe(true);
        expect(hasPermission(granted, probe)).toBe(legit.has(probe));
        expect(hasPermission(granted, '__proto__')).toBe(legit.has('__proto__'));
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it(`${RUNS} expressions: the result equals a reference evaluator, or a coded syntax error`, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 4, arbitrary: fc.tuple(nodeArb, fc.nat()) },
          { weight: 1, arbitrary: fc.tuple(fc.string(), fc.constant(-1)) },
        ),
        fc.uniqueArray(
          fc.constantFrom(
            'read:reports',
            'delete:reports',
            'admin',
            'reports',
            '__proto__',
            'constructor',
          ),
        ),
        ([node, spelling], list) => {
          const granted = new Set(list);
          if (spelling < 0) {
            try {
              parsePermissionExpression(node as string).test(granted);
            } catch (error) {
              expect(isAuth0PermissionsError(error) && error.code === 'ERR_EXPRESSION_SYNTAX').toBe(
                true,
              );
            }
            return;
          }
          expect(check(granted, render(node as Node, spelling))).toBe(
            evaluate(node as Node, granted),
          );
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});
