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
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
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
});
