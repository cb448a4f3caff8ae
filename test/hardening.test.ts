// Issue 17 (core items): each case failed before its fix.
import { afterEach, describe, expect, it } from 'vitest';
import { check, hasAllPermissions, hasAnyPermission, hasPermission } from '../src/check.js';
import { diagnose } from '../src/diagnose/index.js';
import { parsePermissionExpression } from '../src/expression.js';
import { createPermissions } from '../src/permissions.js';
import { inspectToken, MAX_TOKEN_LENGTH } from '../src/token.js';
import type { Permissions } from '../src/types.js';
import { b64url } from './support/tokens.js';

const jwt = (claims: Record<string, unknown>) =>
  `${b64url({ alg: 'RS256' })}.${b64url(claims)}.sig`;

const instances: Permissions[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.destroy();
});
const over = (token: string) => {
  const instance = createPermissions({ getAccessToken: async () => token });
  instances.push(instance);
  return instance.ready();
};

describe('17.7: a token whose exp is not a number is refused', () => {
  it.each([['1'], [null], [{}], [[1]]])(
    'exp: %j → MALFORMED_TOKEN, nothing granted',
    async (exp) => {
      const snapshot = await over(jwt({ exp, permissions: ['admin'] }));
      expect(snapshot.state).toBe('error');
      expect(snapshot.error?.code).toBe('MALFORMED_TOKEN');
      expect(snapshot.permissions.size).toBe(0);
    },
  );

  it('a token without exp still works (opaque-like lifetime)', async () => {
    expect((await over(jwt({ permissions: ['admin'] }))).state).toBe('authenticated');
  });
});

describe('17.12: expressions and granted sets', () => {
  it.each(['not ', '! '])('125,000 × %j parse and evaluate', (op) => {
    const text = `${op.repeat(125_000)}a`;
    expect(check(['a'], text)).toBe(true);
    expect(check(['a'], `${op}${text}`)).toBe(false);
  });

  it('the cache is bounded by the total length of its texts', () => {
    const big = (i: number) => `p${i}:${'x'.repeat(100_000)}`;
    const first = parsePermissionExpression(big(0));
    expect(parsePermissionExpression(big(0))).toBe(first);
    for (let i = 1; i < 20; i++) parsePermissionExpression(big(i));
    expect(parsePermissionExpression(big(0))).not.toBe(first);
  });

  it.each([
    ['check', () => check('admin' as never, 'a')],
    ['hasPermission', () => hasPermission('admin' as never, 'a')],
    ['hasAnyPermission', () => hasAnyPermission('admin' as never, ['a'])],
    ['hasAllPermissions', () => hasAllPermissions('admin' as never, ['a'])],
  ])('%s refuses a string as the granted set', (_name, call) => {
    expect(call).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }));
  });
});

describe('17.13: a token over the limit is refused before it is decoded', () => {
  const huge = jwt({ permissions: ['admin'], pad: 'x'.repeat(MAX_TOKEN_LENGTH) });

  it('inspectToken does not decode it', () => {
    expect(inspectToken(huge)).toMatchObject({ kind: 'malformed', size: huge.length });
  });

  it('the instance refuses it with TOKEN_TOO_LARGE', async () => {
    const snapshot = await over(huge);
    expect(snapshot).toMatchObject({ state: 'error', error: { code: 'TOKEN_TOO_LARGE' } });
    expect(snapshot.permissions.size).toBe(0);
  });

  it('diagnose() calls it an error; 8 KB stays a warning', () => {
    expect(diagnose(huge)).toEqual([
      expect.objectContaining({ code: 'TOKEN_TOO_LARGE', severity: 'error' }),
    ]);
  });
});

describe('17.8: diagnose() never throws', () => {
  it('on an error that is its own cause', () => {
    const e = Object.assign(new Error('loop'), { error: 'x' });
    (e as { cause?: unknown }).cause = e;
    expect(() => diagnose(e)).not.toThrow();
    const plain: Record<string, unknown> = { message: 'loop', name: 'Error' };
    plain.cause = plain;
    expect(() => diagnose(plain)).not.toThrow();
  });

  it('on permissions nested 5,000 deep, and on a token response holding itself', () => {
    let nested: unknown = ['read:x'];
    for (let i = 0; i < 5000; i++) nested = [nested];
    expect(() => diagnose({ aud: 'https://api', permissions: nested })).not.toThrow();
    const response: Record<string, unknown> = {};
    response.access_token = response;
    expect(() => diagnose(response)).not.toThrow();
  });

  it('on an input whose fields throw', () => {
    const hostile = new Proxy(
      {},
      {
        has: () => {
          throw new Error('no');
        },
      },
    );
    expect(diagnose(hostile)[0]?.severity).toBe('error');
  });
});
