import type { Auth0ClientOptions } from '@auth0/auth0-spa-js';
import type { PermissionsClaim } from './claims.js';
import { bindDirectives } from './dom/index.js';
import { adoptStylesheet } from './dom/stylesheet.js';
import * as api from './index.js';
import { fromLock, type LockLike, lockOptions } from './sources/lock.js';
import { createSpaPermissions, type SpaPermissionsOptions } from './sources/spa.js';
import type { Permissions } from './types.js';

/** `true` in `auth0-permissions.spa.global.js`, which bundles auth0-spa-js (set by vite.config.ts). */
declare const __SPA_SDK_BUNDLED__: boolean;

type Page = typeof globalThis & {
  Auth0Permissions?: unknown;
  auth0?: { Auth0Client?: NonNullable<SpaPermissionsOptions['Auth0Client']> };
  Auth0Lock?: new (clientId: string, domain: string, options: object) => LockLike;
};

// First, before the body is parsed: gated elements must never paint ungranted.
adoptStylesheet(document);

const page = globalThis as Page;
const script = document.currentScript as HTMLScriptElement | null;
const Auth0Permissions = {
  ...api,
  /** The instance the script tag started, if it had `data-domain`. */
  instance: undefined as Permissions | undefined,
};
page.Auth0Permissions = Auth0Permissions;

const fail = (message: string, ...cause: unknown[]) => {
  document.documentElement.setAttribute('data-permissions-state', 'error');
  console.error(`auth0-permissions: ${message}`, ...cause);
};

function sdkMissing(lock: boolean): string | undefined {
  if (lock)
    return page.Auth0Lock
      ? undefined
      : 'data-sdk="lock" needs Lock: add <script src="https://cdn.auth0.com/js/lock/14.3.0/lock.min.js"> before this script.';
  if (__SPA_SDK_BUNDLED__ || page.auth0?.Auth0Client) return undefined;
  return 'auth0-spa-js is not on the page: load its script (it sets window.auth0) before this one, or use auth0-permissions.spa.global.js, which bundles it.';
}

function start(data: DOMStringMap): void {
  const { domain = '', clientId = '', audience, scope, redirectUri } = data;
  const claims = data.claim?.split(/[\s,]+/).filter(Boolean) ?? [];
  const claim: PermissionsClaim | undefined = claims.length > 1 ? claims : claims[0];
  const shared = { ...(audience ? { audience } : {}), ...(scope ? { scope } : {}) };
  // Options of the live instance, not of the SDK. data-diagnostics="false" silences the console
  // findings; "true" prints them off localhost too.
  const live = {
    ...(claim ? { claim } : {}),
    ...(data.diagnostics ? { diagnostics: data.diagnostics !== 'false' } : {}),
  };
  let instance: Permissions;
  if (data.sdk === 'lock') {
    const lock = new page.Auth0Lock!(
      clientId,
      domain,
      lockOptions({
        domain,
        clientId,
        ...shared,
        ...(redirectUri ? { auth: { redirectUrl: redirectUri } } : {}),
      }),
    );
    instance = fromLock(lock, { audience: audience ?? '', ...shared, ...live });
  } else {
    const authorizationParams: Auth0ClientOptions['authorizationParams'] = redirectUri
      ? { redirect_uri: redirectUri }
      : {};
    instance = createSpaPermissions({
      domain,
      clientId,
      ...shared,
      ...live,
      authorizationParams,
      ...(page.auth0?.Auth0Client ? { Auth0Client: page.auth0.Auth0Client } : {}),
    });
  }
  Auth0Permissions.instance = instance;
  bindDirectives(instance);
  document.dispatchEvent(new CustomEvent('auth0-permissions:start', { detail: instance }));
}

function autoStart(data: DOMStringMap, lastTry: boolean): void {
  const missing = sdkMissing(data.sdk === 'lock');
  if (missing && !lastTry) {
    document.addEventListener('DOMContentLoaded', () => autoStart(data, true), { once: true });
    return;
  }
  if (missing) {
    fail(missing);
    return;
  }
  try {
    start(data);
  } catch (error) {
    fail(`could not start from the script tag: ${(error as Error).message}`, error);
  }
}

if (script?.dataset.domain) autoStart(script.dataset, document.readyState !== 'loading');
