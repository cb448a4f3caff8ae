// @vitest-environment node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Auth0Provider } from '@auth0/auth0-react';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

/**
 * Server rendering (Next.js, Remix, a prerender step) imports the BUILT binding in Node, where
 * there is no window nor document: it must load, render, and show nothing gated.
 */
const built = join(import.meta.dirname, '../../dist/react/index.js');

describe('auth0-permissions/react on the server', () => {
  it('loads without window or document and renders nothing gated', async () => {
    expect(existsSync(built), 'run `npm run build` first').toBe(true);
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const { PermissionsProvider, Can, RequirePermission, auth0ProviderOptions } = (await import(
      pathToFileURL(built).href
    )) as typeof import('../../src/react/index.js');
    const html = renderToString(
      createElement(
        Auth0Provider,
        auth0ProviderOptions({
          domain: 'example.eu.auth0.com',
          clientId: 'abc123',
          audience: 'https://reports.example.com',
        }),
        createElement(
          PermissionsProvider,
          null,
          createElement('p', null, 'public'),
          createElement(Can, { when: 'read:reports', fallback: 'no access' }, 'secret report'),
          createElement(
            RequirePermission,
            { when: 'manage:users', loading: 'checking', denied: 'denied' },
            'admin area',
          ),
        ),
      ),
    );
    expect(html).toContain('public');
    expect(html).toContain('checking');
    for (const gated of ['secret report', 'no access', 'admin area', 'denied'])
      expect(html).not.toContain(gated);
  });
});
