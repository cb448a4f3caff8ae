import { afterEach, describe, expect, it, vi } from 'vitest';

// The live instance loads the error classifier (src/internal/oauth-error.ts) on the first error
// only. When that chunk cannot load (offline, a deploy removed it), the error must still fail
// closed with a coded Auth0PermissionsError, never leave the instance loading.
describe('the classifier loaded on the first error', () => {
  afterEach(() => {
    vi.doUnmock('../../src/internal/oauth-error.js');
    vi.resetModules();
  });

  it('classifies a getter error once loaded', async () => {
    const { createPermissions } = await import('../../src/permissions.js');
    const instance = createPermissions({
      getAccessToken: () =>
        Promise.reject({
          error: 'invalid_grant',
          error_description: 'Unknown or invalid refresh token.',
        }),
    });
    const snapshot = await instance.ready();
    expect(snapshot.state).toBe('error');
    expect(snapshot.error?.code).toBe('MISSING_REFRESH_TOKEN');
    instance.destroy();
  });

  it('fails closed with TOKEN_REQUEST_FAILED when the classifier cannot load', async () => {
    vi.resetModules();
    vi.doMock('../../src/internal/oauth-error.js', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const { createPermissions } = await import('../../src/permissions.js');
    const cause = {
      error: 'invalid_grant',
      error_description: 'Unknown or invalid refresh token.',
    };
    const instance = createPermissions({ getAccessToken: () => Promise.reject(cause) });
    const snapshot = await instance.ready();
    expect(snapshot.state).toBe('error');
    expect(snapshot.permissions.size).toBe(0);
    expect(snapshot.error).toMatchObject({
      name: 'Auth0PermissionsError',
      code: 'TOKEN_REQUEST_FAILED',
      cause,
    });
    instance.destroy();
  });
});
