/// <reference types="vite/client" />
// The React page: @auth0/auth0-react's <Auth0Provider> with the props auth0ProviderOptions()
// checked, <PermissionsProvider> below it, and the dashboard gated with <Can>, usePermission()
// and <RequirePermission> (dashboard.ts). Plain `createElement` instead of JSX keeps the demo free
// of a JSX build step; an app writes the same in JSX.
import { Auth0Provider } from '@auth0/auth0-react';
import { auth0ProviderOptions, PermissionsProvider } from 'auth0-permissions/react';
import { createElement as h, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config } from '../shared/config.js';
import { Page } from './dashboard.js';

createRoot(document.getElementById('root')!).render(
  h(
    StrictMode,
    null,
    h(
      Auth0Provider,
      auth0ProviderOptions({
        domain: config.domain,
        clientId: config.clientId,
        audience: config.audience,
        authorizationParams: { redirect_uri: `${location.origin}/react/` },
      }),
      // The token inspector shows the findings; no need to print them on the console too.
      h(PermissionsProvider, { diagnostics: false }, h(Page)),
    ),
  ),
);
