import { createAuth0 } from '@auth0/auth0-vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from 'vue';
import { createAuth0Permissions } from '../../src/vue/index.js';

/**
 * The plugin's refusals with the REAL @auth0/auth0-vue installed first: each happens at
 * `app.use()`, before the app mounts, so before any login redirect.
 */

const DOMAIN = 'http://localhost:4400';
const CLIENT_ID = 'auth0-permissions-demo';
const AUDIENCE = 'https://reports.example.com';

afterEach(() => vi.restoreAllMocks());

const codeOf = (use: () => unknown) => {
  try {
    use();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('createAuth0Permissions over @auth0/auth0-vue', () => {
  it('refuses createAuth0 without an audience: AUDIENCE_NOT_CONFIGURED', () => {
    const app = createApp({ render: () => null }).use(
      createAuth0({ domain: DOMAIN, clientId: CLIENT_ID }),
    );
    expect(codeOf(() => app.use(createAuth0Permissions()))).toBe('AUDIENCE_NOT_CONFIGURED');
  });

  it('refuses a top-level audience (ignored by auth0-spa-js 2): AUDIENCE_MISPLACED', () => {
    const options = { domain: DOMAIN, clientId: CLIENT_ID, audience: AUDIENCE };
    const app = createApp({ render: () => null }).use(createAuth0(options));
    expect(codeOf(() => app.use(createAuth0Permissions()))).toBe('AUDIENCE_MISPLACED');
  });

  it('refuses two different audiences: AUDIENCE_MISPLACED', () => {
    const options = {
      domain: DOMAIN,
      clientId: CLIENT_ID,
      audience: 'https://other.example.com',
      authorizationParams: { audience: AUDIENCE },
    };
    const app = createApp({ render: () => null }).use(createAuth0(options));
    expect(codeOf(() => app.use(createAuth0Permissions()))).toBe('AUDIENCE_MISPLACED');
  });

  it('refuses to start before createAuth0 is installed: ERR_INVALID_OPTIONS', () => {
    const app = createApp({ render: () => null });
    expect(codeOf(() => app.use(createAuth0Permissions()))).toBe('ERR_INVALID_OPTIONS');
  });

  it('accepts authorizationParams.audience and starts loading', () => {
    const app = createApp({ render: () => null }).use(
      createAuth0({
        domain: DOMAIN,
        clientId: CLIENT_ID,
        authorizationParams: { audience: AUDIENCE },
      }),
    );
    expect(
      codeOf(() => app.use(createAuth0Permissions({ diagnostics: false, channel: false }))),
    ).toBe('no error');
  });
});
