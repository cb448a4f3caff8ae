import { describe, expect, it } from 'vitest';
import { check, hasAllPermissions, hasAnyPermission, hasPermission } from '../src/check.js';

const granted = new Set(['read:reports', 'create:reports']);

describe('checks', () => {
  it('hasPermission matches exactly, from a set, an array or any iterable', () => {
    expect(hasPermission(granted, 'read:reports')).toBe(true);
    expect(hasPermission(granted, 'read:*')).toBe(false);
    expect(hasPermission(granted, 'READ:REPORTS')).toBe(false);
    expect(hasPermission(['a'], 'a')).toBe(true);
    expect(hasPermission(new Map([['a', 1]]).keys(), 'a')).toBe(true);
    expect(hasPermission(granted, undefined as unknown as string)).toBe(false);
  });

  it('names on Object.prototype grant nothing', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(hasPermission(granted, name)).toBe(false);
      expect(hasPermission([], name)).toBe(false);
      expect(check(granted, name)).toBe(false);
    }
  });

  it('hasAnyPermission and hasAllPermissions', () => {
    expect(hasAnyPermission(granted, ['x', 'read:reports'])).toBe(true);
    expect(hasAnyPermission(granted, [])).toBe(false);
    expect(hasAllPermissions(granted, ['create:reports', 'read:reports'])).toBe(true);
    expect(hasAllPermissions(granted, ['read:reports', 'x'])).toBe(false);
    expect(hasAllPermissions(granted, [])).toBe(true);
  });

  it('check evaluates an expression against an array too', () => {
    expect(check(['a', 'b'], 'a and b and not c')).toBe(true);
  });
});
