/** Fix texts shared by token, error and options findings. */
export const audienceFix = (audience = 'https://your-api') =>
  `Send your API Identifier as audience. auth0-spa-js: authorizationParams: { audience: '${audience}' }; Lock: auth: { audience, params: { audience } } and lock.checkSession({ audience, scope }).`;

export const RBAC_SETTINGS = 'Applications → APIs → your API → Settings → RBAC Settings';

export const ACCESS_TOKEN_ONLY =
  'Use the access token: getTokenSilently() in auth0-spa-js, authResult.accessToken in Lock. Permissions are never in the ID token.';

export const EXPIRED_FIX =
  'Get a fresh token (getTokenSilently(), refresh()), not a stored one. If it was just issued, sync this device clock.';

export const SHRINK_FIX =
  'Fewer permissions per API (split it into several audiences) and no large custom claims from Actions.';

export const NO_TOKEN_FIX =
  'Log in (login()), then pass the access token: getTokenSilently() or Lock authResult.accessToken.';

export const MALFORMED_FIX =
  'Pass the bare access token (getTokenSilently(), authResult.accessToken): no quotes, no JSON, not cut short.';
