import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLive } from '../../src/sources/live.js';
import { API, buildCases } from './cases.js';

const cases = await buildCases();
const input = (name: string) => cases.find((c) => c.name === name)?.input as string;

describe('instance.diagnose()', () => {
  afterEach(() => vi.restoreAllMocks());

  const make = (getAccessToken: () => Promise<string>, diagnostics = false) =>
    createLive({
      getAccessToken,
      channel: false,
      diagnostics,
      retries: 0,
      expected: { audience: API },
    });

  it('explains an opaque token', async () => {
    const instance = make(async () => input('opaque token (no audience, seed 000)'));
    await instance.ready();
    expect((await instance.diagnose()).map((f) => f.code)).toEqual(['OPAQUE_TOKEN']);
    instance.destroy();
  });

  it('explains the SDK error behind the error state', async () => {
    const instance = make(() =>
      Promise.reject({ error: 'consent_required', error_description: 'Consent required' }),
    );
    await instance.ready();
    expect(instance.state).toBe('error');
    expect((await instance.diagnose()).map((f) => f.code)).toEqual(['CONSENT_REQUIRED']);
    instance.destroy();
  });

  it('finds nothing wrong with a healthy token', async () => {
    const instance = make(async () => input('healthy access token'));
    await instance.ready();
    expect(instance.permissions.size).toBe(2);
    expect(await instance.diagnose()).toEqual([]);
    instance.destroy();
  });

  it('prints the findings once on the console, never the token', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const token = input('permissions: [] (no role for this API)');
    const instance = make(async () => token, true);
    await instance.ready();
    await instance.refresh();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(warn).toHaveBeenCalledTimes(1);
    const printed = JSON.stringify(warn.mock.calls);
    expect(printed).toContain('PERMISSIONS_EMPTY');
    expect(printed).not.toContain(token.split('.')[2]);
    instance.destroy();
  });
});
