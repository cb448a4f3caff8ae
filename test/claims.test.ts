import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permissionsFromClaims } from '../src/claims.js';

const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('permissionsFromClaims', () => {
  it('reads the permissions claim by default', () => {
    expect(sorted(permissionsFromClaims({ permissions: ['b', 'a'], scope: 'openid c' }))).toEqual([
      'a',
      'b',
    ]);
  });

  it('reads space-separated scope when asked', () => {
    expect(
      sorted(permissionsFromClaims({ scope: 'openid  read:reports' }, { claim: 'scope' })),
    ).toEqual(['openid', 'read:reports']);
  });

  it('reads a namespaced claim, also in the { permissions: [...] } shape an Action writes', () => {
    const claim = 'https://example.com/permissions';
    expect(sorted(permissionsFromClaims({ [claim]: ['x'] }, { claim }))).toEqual(['x']);
    expect(sorted(permissionsFromClaims({ [claim]: { permissions: ['y'] } }, { claim }))).toEqual([
      'y',
    ]);
  });

  it('tries a list of claims in order; the first one present wins', () => {
    const claim = ['https://example.com/permissions', 'permissions', 'scope'];
    expect(sorted(permissionsFromClaims({ permissions: ['p'], scope: 's' }, { claim }))).toEqual([
      'p',
    ]);
    expect(sorted(permissionsFromClaims({ scope: 's t' }, { claim }))).toEqual(['s', 't']);
    expect(permissionsFromClaims({ permissions: [], scope: 's' }, { claim }).size).toBe(0);
  });

  it.each([
    ['a string', 'read:reports'],
    ['an object', { 'read:reports': true }],
    ['a number', 1],
    ['null', null],
  ])('grants nothing when permissions is %s', (_name, value) => {
    expect(permissionsFromClaims({ permissions: value }).size).toBe(0);
  });

  it('drops entries that are not non-empty strings', () => {
    expect(
      sorted(permissionsFromClaims({ permissions: ['ok', 1, null, {}, [], '', 'also'] })),
    ).toEqual(['also', 'ok']);
  });

  it('never reads inherited properties: __proto__, constructor, toString grant nothing', () => {
    const claims = JSON.parse('{"__proto__": ["admin"]}');
    expect(permissionsFromClaims(claims, { claim: '__proto__' }).size).toBe(1);
    expect(permissionsFromClaims({}, { claim: 'constructor' }).size).toBe(0);
    expect(permissionsFromClaims({}, { claim: ['toString', '__proto__'] }).size).toBe(0);
  });

  it('returns a set that cannot be changed', () => {
    const set = permissionsFromClaims({ permissions: ['a'] }) as Set<string>;
    expect(() => set.add('b')).toThrow(TypeError);
    expect(() => set.delete('a')).toThrow(TypeError);
    expect(() => set.clear()).toThrow(TypeError);
    expect(sorted(set)).toEqual(['a']);
  });

  it('accepts anything as claims without throwing', () => {
    for (const claims of [undefined, null, 'x', 1, [], () => 0]) {
      expect(permissionsFromClaims(claims).size).toBe(0);
    }
  });

  it('matches a reference model on random claims (own list entries that are non-empty strings)', () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('', '__proto__', 'constructor', 'read:reports'),
      fc.integer(),
      fc.constant(null),
      fc.object({ maxDepth: 1, maxKeys: 3 }),
    );
    const claimValue = fc.oneof(
      fc.array(value),
      value,
      fc.record({ permissions: fc.array(value) }),
    );
    const name = fc.constantFrom('permissions', 'scope', 'https://x/permissions', '__proto__');
    fc.assert(
      fc.property(
        fc.dictionary(name, claimValue),
        fc.array(name, { minLength: 1, maxLength: 3 }),
        (claims, names) => {
          const model = (): string[] => {
            for (const n of names) {
              if (!Object.hasOwn(claims, n)) continue;
              let v: unknown = claims[n];
              if (n === 'scope' && typeof v === 'string') v = v.split(' ');
              else if (n !== 'permissions' && !Array.isArray(v))
                v =
                  v && typeof v === 'object'
                    ? (v as { permissions?: unknown }).permissions
                    : undefined;
              return Array.isArray(v)
                ? v.filter((p): p is string => typeof p === 'string' && p !== '')
                : [];
            }
            return [];
          };
          expect(sorted(permissionsFromClaims(claims, { claim: names }))).toEqual(
            [...new Set(model())].sort(),
          );
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);
});
