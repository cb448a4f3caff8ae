// Type tests: `tsc --noEmit` (npm run typecheck) checks every line, and fails on an
// `@ts-expect-error` whose line compiles. Vitest runs the runtime half (the type parser agrees
// with the runtime parser) and calls the rest only for show: they cost nothing at run time.
import { Auth0Client } from '@auth0/auth0-spa-js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  bindDirectives,
  type CheckedExpression,
  check,
  createPermissions,
  createSpaPermissions,
  fromAuth0Client,
  fromLock,
  type LockLike,
  type LockPermissions,
  type Permissions,
  parsePermissionExpression,
  type SpaPermissions,
} from '../../src/index.js';

const reportsPermissions = [
  { value: 'read:reports', description: 'Read reports' },
  { value: 'create:reports', description: 'Create reports' },
  { value: 'delete:reports', description: 'Delete reports' },
  { value: 'read:audit', description: 'Read the audit log' },
  { value: 'admin', description: 'Everything' },
] as const;
type ReportsPermission = (typeof reportsPermissions)[number]['value'];
const names: readonly ReportsPermission[] = reportsPermissions.map(({ value }) => value);

const getAccessToken = async () => null;
const typed = createPermissions<ReportsPermission>({ getAccessToken, start: false });
const untyped = createPermissions({ getAccessToken, start: false });

/** Each expression with the verdict both parsers must give. */
const cases = [
  ['read:reports', 'ok'],
  ['read:reports and not delete:reports', 'ok'],
  ['read:reports && !delete:reports', 'ok'],
  ['(read:reports||admin)&&!delete:reports', 'ok'],
  ['  not (read:audit or (admin and not read:reports))  ', 'ok'],
  ['!!admin', 'ok'],
  ['not not admin', 'ok'],
  ['read:*', 'ok'],
  ['*:reports or admin', 'ok'],
  ['*', 'ok'],
  ['read:*s', 'ok'],
  ['*e*:r*ts', 'ok'],
  ['delete:report', 'refused'],
  ['read:reports and delete:report', 'refused'],
  ['write:*', 'refused'],
  ['read:*x', 'refused'],
  ['AND', 'refused'],
  ['read:reports admin', 'refused'],
  ['read:reports not admin', 'refused'],
  ['(admin', 'refused'],
  ['admin)', 'refused'],
  ['()', 'refused'],
  ['admin and', 'refused'],
  ['and admin', 'refused'],
  ['not', 'refused'],
  ['admin & read:reports', 'refused'],
  ['admin | read:reports', 'refused'],
  ['admin !read:reports', 'refused'],
  ['', 'refused'],
  ['   ', 'refused'],
] as const;

type Verdict<E extends string> =
  CheckedExpression<E, ReportsPermission> extends E ? 'ok' : 'refused';
type Table = readonly (readonly [string, 'ok' | 'refused'])[];
type TypeVerdicts<T extends Table> = { -readonly [K in keyof T]: Verdict<T[K][0]> };
type ExpectedVerdicts<T extends Table> = { -readonly [K in keyof T]: T[K][1] };

/** The runtime parser's verdict: parses, and every name is known or a wildcard matching one. */
function runtimeVerdict(expression: string): 'ok' | 'refused' {
  try {
    const { permissions } = parsePermissionExpression(expression);
    return permissions.every((name) => check(names, name)) ? 'ok' : 'refused';
  } catch {
    return 'refused';
  }
}

describe('typed permission names', () => {
  it('the type-level parser agrees with the runtime parser, case by case', () => {
    expectTypeOf<TypeVerdicts<typeof cases>>().toEqualTypeOf<ExpectedVerdicts<typeof cases>>();
    for (const [expression, verdict] of cases)
      expect([expression, runtimeVerdict(expression)]).toEqual([expression, verdict]);
  });

  it('a literal check() compiles only when every name is one of P', () => {
    typed.check('read:reports and not delete:reports');
    typed.check('(read:reports || admin) && !read:audit');
    typed.check('read:*');
    // @ts-expect-error a typo
    typed.check('delete:report');
    // @ts-expect-error one unknown name among known ones
    typed.check('read:reports or write:reports');
    // @ts-expect-error a wildcard matching no permission
    typed.check('write:*');
    // @ts-expect-error keywords are lowercase: `AND` is a permission name
    typed.check('AND');
    // A syntax error, refused by the compiler before it throws at run time.
    // @ts-expect-error two permissions side by side
    expect(() => typed.check('read:reports admin')).toThrow(/Use "and" or "or"/);
    expect(typed.check('read:reports')).toBe(false);
  });

  it('the error names the unknown permission and the expression', () => {
    expectTypeOf<
      CheckedExpression<'read:reports or delete:report', ReportsPermission>
    >().toEqualTypeOf<'auth0-permissions: "delete:report" is not a permission of this API in "read:reports or delete:report"'>();
    expectTypeOf<
      CheckedExpression<'write:*', ReportsPermission>
    >().toEqualTypeOf<'auth0-permissions: "write:*" matches no permission of this API in "write:*"'>();
    expectTypeOf<
      CheckedExpression<'(admin', ReportsPermission>
    >().toEqualTypeOf<'auth0-permissions: missing ")" in "(admin"'>();
  });

  it('hasPermission, hasAnyPermission and hasAllPermissions take only names of P', () => {
    typed.hasPermission('read:reports');
    typed.hasAnyPermission(['read:reports', 'admin']);
    typed.hasAllPermissions(new Set<ReportsPermission>(['read:audit']));
    // @ts-expect-error a typo
    typed.hasPermission('delete:report');
    // @ts-expect-error no wildcards in an exact match
    typed.hasPermission('read:*');
    // @ts-expect-error one unknown name
    typed.hasAnyPermission(['read:reports', 'write:reports']);
    // @ts-expect-error one unknown name
    typed.hasAllPermissions(['admin', 'root']);
    expect(typed.hasPermission('admin')).toBe(false);
  });

  it('a string that is not a literal still compiles, and is checked at run time', () => {
    const fromConfig: string = 'read:reports or admin';
    typed.check(fromConfig);
    expectTypeOf<CheckedExpression<string, ReportsPermission>>().toEqualTypeOf<string>();
    // @ts-expect-error hasPermission has no expression to parse: a string could be anything
    typed.hasPermission(fromConfig);
    expect(typed.check(fromConfig)).toBe(false);
  });

  it('without a type argument nothing changes', () => {
    expectTypeOf(untyped).toEqualTypeOf<Permissions>();
    expectTypeOf<Permissions>().toEqualTypeOf<Permissions<string>>();
    untyped.check('anything or delete:report');
    untyped.hasPermission('delete:report');
    untyped.hasAnyPermission(new Set(['x']));
    expectTypeOf<CheckedExpression<'a b', string>>().toEqualTypeOf<'a b'>();
  });

  it('knownPermissions sets P when no type argument is given', () => {
    const inferred = createPermissions({
      getAccessToken,
      start: false,
      knownPermissions: reportsPermissions,
    });
    expectTypeOf(inferred).toEqualTypeOf<Permissions<ReportsPermission>>();
    const fromNames = createPermissions({
      getAccessToken,
      start: false,
      knownPermissions: ['read:reports', 'admin'],
    });
    expectTypeOf(fromNames).toEqualTypeOf<Permissions<'read:reports' | 'admin'>>();
    // @ts-expect-error not in the list
    inferred.check('read:report');
    // @ts-expect-error a list that does not match the type argument
    createPermissions<'admin'>({ getAccessToken, knownPermissions: ['root'] });
    inferred.destroy();
    fromNames.destroy();
  });

  it('CheckedExpression types your own helpers; knownPermissions may be left out in production', () => {
    const gate = <E extends string>(props: { when: CheckedExpression<E, ReportsPermission> }) =>
      typed.check(props.when as string);
    gate({ when: 'read:reports or admin' });
    // @ts-expect-error a typo
    gate({ when: 'read:report' });
    const production = process.env.NODE_ENV === 'production';
    const instance = createPermissions<ReportsPermission>({
      getAccessToken,
      start: false,
      knownPermissions: production ? undefined : reportsPermissions,
    });
    expect(instance.check('admin')).toBe(false);
    instance.destroy();
  });

  it('the adapters take the type argument and return typed instances', () => {
    // Types only: never called, so no SDK runs here.
    const adapters = () => {
      const spa = createSpaPermissions<ReportsPermission>({
        domain: 'example.eu.auth0.com',
        clientId: 'abc',
        audience: 'https://reports.example.com',
      });
      expectTypeOf(spa).toEqualTypeOf<SpaPermissions<ReportsPermission>>();
      // @ts-expect-error a typo
      spa.check('delete:report');
      const client = new Auth0Client({ domain: 'example.eu.auth0.com', clientId: 'abc' });
      const wrapped = fromAuth0Client<ReportsPermission>(client, { audience: 'https://api' });
      expectTypeOf(wrapped).toEqualTypeOf<SpaPermissions<ReportsPermission>>();
      // @ts-expect-error a typo
      wrapped.hasPermission('delete:report');
      const lock = fromLock(null as unknown as LockLike, {
        audience: 'https://api',
        knownPermissions: reportsPermissions,
      });
      expectTypeOf(lock).toEqualTypeOf<LockPermissions<ReportsPermission>>();
      // @ts-expect-error a typo
      lock.hasAllPermissions(['delete:report']);
      // A typed instance goes wherever an untyped one is expected.
      bindDirectives(spa);
      bindDirectives(lock);
      const plain: Permissions = wrapped;
      const plainSpa: SpaPermissions = spa;
      return [plain, plainSpa] as const;
    };
    expectTypeOf(adapters).returns.toEqualTypeOf<readonly [Permissions, SpaPermissions]>();
  });
});
