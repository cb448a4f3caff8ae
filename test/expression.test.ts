import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { isAuth0PermissionsError } from '../src/errors.js';
import { parsePermissionExpression } from '../src/expression.js';

const granted = new Set(['read:reports', 'create:reports', 'reports:export', 'AND']);
const syntaxError = (expression: string) => {
  try {
    parsePermissionExpression(expression);
  } catch (error) {
    expect(isAuth0PermissionsError(error)).toBe(true);
    return error as { code: string; position: number; message: string };
  }
  throw new Error(`"${expression}" parsed`);
};

describe('parsePermissionExpression', () => {
  it.each([
    ['read:reports', true],
    ['delete:reports', false],
    ['read:reports and create:reports', true],
    ['read:reports && delete:reports', false],
    ['delete:reports or read:reports', true],
    ['delete:reports || manage:users', false],
    ['not delete:reports', true],
    ['!read:reports', false],
    ['!!read:reports', true],
    ['not not not read:reports', false],
    ['read:reports and not archived', true],
    ['delete:reports or read:reports and create:reports', true],
    ['(delete:reports or read:reports) and manage:users', false],
    ['not (delete:reports or manage:users)', true],
    ['((read:reports))', true],
    ['read:reports&&create:reports', true],
    ['!(read:reports)||x', false],
    ['AND', true],
    ['OR and read:reports', false],
  ])('%s → %s', (expression, expected) => {
    expect(parsePermissionExpression(expression).test(granted)).toBe(expected);
  });

  it('binds not tighter than and, and and tighter than or', () => {
    expect(check(['a'], 'not b and a')).toBe(true);
    expect(check([], 'a and b or c')).toBe(false);
    expect(check(['c'], 'a and b or c')).toBe(true);
    expect(check(['a', 'c'], 'a or b and c')).toBe(true);
    expect(check(['b'], 'a or b and c')).toBe(false);
  });

  it.each([
    ['reports:*', ['reports:export'], true],
    ['reports:*', ['reports:'], true],
    ['reports:*', ['report:export'], false],
    ['*:reports', ['read:reports'], true],
    ['*', ['anything'], true],
    ['*', [], false],
    ['r*d:*s', ['read:reports'], true],
    ['a*a*a', ['aa'], false],
    ['a*a*a', ['aaa'], true],
  ])('wildcard %s against %j → %s', (expression, list, expected) => {
    expect(check(list, expression)).toBe(expected);
  });

  it('lists the permissions it mentions, once each', () => {
    expect(parsePermissionExpression('a and (b or not a) or c:*').permissions).toEqual([
      'a',
      'b',
      'c:*',
    ]);
  });

  it('says to use and/or between two permissions side by side, with the position', () => {
    const error = syntaxError('read:reports write:reports');
    expect(error).toMatchObject({ code: 'ERR_EXPRESSION_SYNTAX', position: 13 });
    expect(error.message).toContain('Use "and" or "or" between "read:reports" and "write:reports"');
  });

  it.each([
    ['', 0, 'empty'],
    ['   ', 0, 'empty'],
    ['and a', 0, 'cannot start with "and"'],
    ['a and', 2, 'Expected a permission after "and"'],
    ['a or or b', 5, 'Expected a permission after "or"'],
    ['(a', 0, 'Missing ")"'],
    ['a)', 1, 'Unmatched ")"'],
    ['()', 1, 'Put a permission between "(" and ")"'],
    ['a & b', 2, 'Use "&&" or "and", not "&"'],
    ['a | b', 2, 'Use "||" or "or", not "|"'],
    ['a (b)', 2, 'Use "and" or "or"'],
    ['not', 0, 'Expected a permission after "not"'],
  ])('%j is a syntax error at %i (%s)', (expression, position, text) => {
    const error = syntaxError(expression);
    expect(error).toMatchObject({ code: 'ERR_EXPRESSION_SYNTAX', position });
    expect(error.message).toContain(text);
  });

  it('caches: the same text gives the same parsed object', () => {
    expect(parsePermissionExpression('x or y')).toBe(parsePermissionExpression('x or y'));
  });

  it('handles 10,000 terms and 10,000 nested levels without a stack overflow', () => {
    const terms = Array.from({ length: 10_000 }, (_, i) => `p${i}`);
    expect(check(['p9999'], terms.join(' or '))).toBe(true);
    expect(check(['p1'], terms.join(' and '))).toBe(false);
    expect(check(terms, terms.join(' && '))).toBe(true);
    const deep = `${'('.repeat(10_000)}a${')'.repeat(10_000)}`;
    expect(check(['a'], deep)).toBe(true);
    expect(check(['a'], `${'not '.repeat(10_001)}a`)).toBe(false);
  });
});

const name = fc.constantFrom('a', 'b', 'c', 'd', 'read:reports', '__proto__', 'constructor');
const expressionArb = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    tie('expr').map((e) => `not (${e})`),
    fc.tuple(tie('expr'), tie('expr')).map(([l, r]) => `(${l}) and (${r})`),
    fc.tuple(tie('expr'), tie('expr')).map(([l, r]) => `(${l}) || (${r})`),
  ),
})).expr;
const grantedArb = fc.uniqueArray(name).map((list) => new Set(list));

describe('properties', () => {
  it('any string parses or throws ERR_EXPRESSION_SYNTAX, nothing else', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', ' ', '(', ')', '!', '&', '|', 'and', 'or', 'not', '*', 'é'),
          maxLength: 30,
        }),
        (text) => {
          try {
            parsePermissionExpression(text);
          } catch (error) {
            expect(error).toMatchObject({ code: 'ERR_EXPRESSION_SYNTAX' });
            expect(typeof (error as { position: unknown }).position).toBe('number');
          }
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        try {
          parsePermissionExpression(text);
        } catch (error) {
          expect(error).toMatchObject({ code: 'ERR_EXPRESSION_SYNTAX' });
        }
      }),
    );
  }, 30_000);

  it('obeys De Morgan: not (x and y) = not x or not y; not (x or y) = not x and not y', () => {
    fc.assert(
      fc.property(expressionArb, expressionArb, grantedArb, (x, y, set) => {
        expect(check(set, `not ((${x}) and (${y}))`)).toBe(check(set, `not (${x}) or not (${y})`));
        expect(check(set, `not ((${x}) or (${y}))`)).toBe(check(set, `!(${x}) && !(${y})`));
        expect(check(set, `not not (${x})`)).toBe(check(set, x));
      }),
      { numRuns: 1000 },
    );
  });

  it('grants nothing from an empty set except through not', () => {
    fc.assert(
      fc.property(expressionArb, (x) => {
        if (!x.includes('not')) expect(check([], x)).toBe(false);
      }),
    );
  });
});
