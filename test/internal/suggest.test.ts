import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/internal/suggest.js';

const KNOWN = ['read:reports', 'create:reports', 'delete:reports', 'manage:users', 'admin'];

describe('suggest (the one did-you-mean, shared by lint and the run-time warning)', () => {
  it.each([
    ['delete:report', 'delete:reports'], // singular for plural
    ['manage:user', 'manage:users'],
    ['raed:reports', 'read:reports'], // two letters swapped: one edit
    ['read:reprots', 'read:reports'],
    ['Read:Reports', 'read:reports'], // case
    ['creat:report', 'create:reports'], // two edits on a long name
    ['admni', 'admin'],
  ])('%s → %s', (typo, meant) => {
    expect(suggest(typo, KNOWN)).toBe(meant);
  });

  it.each([
    ['read:reports'], // defined: nothing to suggest
    ['write:reports'], // three edits away from any name
    ['adm'], // short names allow one edit only
    ['root'],
  ])('%s → nothing', (name) => {
    expect(suggest(name, KNOWN)).toBeUndefined();
  });

  it('prefers the closest name, then the first listed', () => {
    expect(suggest('read:report', ['read:reportz', 'read:reports'])).toBe('read:reports');
    expect(suggest('read:x', ['read:a', 'read:b'])).toBe('read:a');
    expect(suggest('categories:read', ['category:read'])).toBe('category:read');
    expect(suggest('anything', [])).toBeUndefined();
  });
});
