import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { check } from '../../src/check.js';
import { bindDirectives } from '../../src/dom/index.js';
import { parsePermissionExpression } from '../../src/expression.js';
import { createPermissions } from '../../src/permissions.js';
import { splitLiveOptions } from '../../src/sources/shared.js';
import type { Permissions } from '../../src/types.js';

// The generated list's shape (`npx auth0-permissions types`), and Auth0's { value, description }.
const knownPermissions = [
  'read:reports',
  'create:reports',
  { value: 'delete:reports', description: 'Delete reports' },
  'manage:users',
] as const;

let warn: MockInstance<typeof console.warn>;
const instances: Permissions[] = [];
const unbinds: (() => void)[] = [];
const nodeEnv = process.env.NODE_ENV;
const startUrl = location.href;

/** An instance given the list; resolves once the lazily loaded warning module is watching. */
async function typed(): Promise<Permissions> {
  const instance = createPermissions({
    getAccessToken: async () => null,
    start: false,
    knownPermissions,
  });
  instances.push(instance);
  await import('../../src/internal/known-permissions.js');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return instance;
}

const setUrl = (url: string) =>
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
const warnings = () => warn.mock.calls.map((call) => String(call[0]));

beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  for (const instance of instances.splice(0)) instance.destroy();
  for (const unbind of unbinds.splice(0)) unbind();
  document.body.innerHTML = '';
  process.env.NODE_ENV = nodeEnv;
  setUrl(startUrl);
  vi.restoreAllMocks();
});

describe('knownPermissions: the development warning for a permission the API does not define', () => {
  it('check() warns once per expression, with the did-you-mean', async () => {
    const permissions = await typed();
    expect(permissions.check('delete:report or manage:users')).toBe(false);
    expect(permissions.check('delete:report or manage:users')).toBe(false);
    expect(warnings()).toEqual([
      'auth0-permissions: the expression "delete:report or manage:users" names a permission your API does not define, which it never grants: "delete:report" is not a permission your API defines (did you mean "delete:reports"?). knownPermissions lists the ones it defines; this warning shows in development only.',
    ]);
    permissions.check('read:reprots');
    expect(warnings()[1]).toContain('(did you mean "read:reports"?)');
    permissions.check('shutdown');
    expect(warnings()[2]).toContain('"shutdown" is not a permission your API defines. ');
    expect(warnings()).toHaveLength(3);
  });

  it('a directive warns once for its expression, showing the element', async () => {
    const permissions = await typed();
    document.body.innerHTML = `<button data-permission="create:report">New</button>
      <a data-permission="create:report">New too</a>`;
    unbinds.push(bindDirectives(permissions, document.body));
    expect(warn).toHaveBeenCalledTimes(1);
    const [message, element] = warn.mock.calls[0]!;
    expect(message).toContain(
      '"create:report" is not a permission your API defines (did you mean "create:reports"?)',
    );
    expect(element).toBe(document.querySelector('button'));
  });

  it('also hears the standalone check() and wildcards that match nothing', async () => {
    await typed();
    check(['read:reports'], 'write:* or read:reports');
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('"write:*" matches none of the permissions your API defines');
  });

  it('is silent for defined names, matching wildcards, syntax errors and operators', async () => {
    const permissions = await typed();
    permissions.check('read:reports and not (delete:reports || manage:users)');
    permissions.check('*:reports && !manage:*');
    permissions.check('*');
    expect(() => permissions.check('read:reports delete:report')).toThrow();
    expect(warn).not.toHaveBeenCalled();
  });

  it('is silent in a production build', async () => {
    process.env.NODE_ENV = 'production';
    const permissions = await typed();
    permissions.check('delete:reportz');
    document.body.innerHTML = '<p data-permission="read:reportz">x</p>';
    unbinds.push(bindDirectives(permissions, document.body));
    expect(warn).not.toHaveBeenCalled();
    // The same expressions warn in development: the silence came from the build.
    process.env.NODE_ENV = 'development';
    parsePermissionExpression('delete:reportz or x');
    expect(warnings()).toHaveLength(1);
  });

  it('is silent off localhost', async () => {
    setUrl('https://reports.example.com/');
    const permissions = await typed();
    permissions.check('delete:reportx');
    expect(warn).not.toHaveBeenCalled();
    setUrl('http://127.0.0.1:5173/');
    permissions.check('delete:reportx or y');
    expect(warnings()).toHaveLength(1);
  });

  it('the adapters pass the list through to the instance', () => {
    const [live, own] = splitLiveOptions({ audience: 'https://api', knownPermissions });
    expect(live.knownPermissions).toBe(knownPermissions);
    expect(own).toEqual({ audience: 'https://api' });
  });

  it('hears expressions parsed before the warning module loaded', async () => {
    // Fresh modules: nothing watches yet, as on a page's first load. Last: the modules the
    // other tests imported stay behind.
    vi.resetModules();
    const fresh = await import('../../src/expression.js');
    fresh.parsePermissionExpression('manage:user');
    const { createPermissions: create } = await import('../../src/permissions.js');
    instances.push(create({ getAccessToken: async () => null, start: false, knownPermissions }));
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(warnings()[0]).toContain('(did you mean "manage:users"?)');
  });
});
