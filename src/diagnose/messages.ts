/** Fix texts shared by token, error and options findings. */
export const audienceFix = (audience = 'https://your-api') =>
  `Send your API Identifier as the audience. auth0-spa-js: authorizationParams: { audience: '${audience}' }; Lock: auth: { audience: '${audience}', params: { audience: '${audience}' } } and lock.checkSession({ audience: '${audience}', scope }, cb).`;

export const RBAC_SETTINGS =
  'Auth0 dashboard → Applications → APIs → your API → Settings → RBAC Settings';

export const ACCESS_TOKEN_ONLY =
  'Read the ACCESS token: auth0-spa-js getTokenSilently() (not getIdTokenClaims() or user); Lock authResult.accessToken (not idToken or idTokenPayload). Auth0 puts RBAC permissions in the access token only.';

export const EXPIRED_FIX =
  'Fetch a fresh token instead of reusing a stored one (getTokenSilently(), or refresh() on the instance). If it was issued moments ago, this device clock is fast: sync it.';

export const SHRINK_FIX =
  'Make the token smaller: fewer permissions per API (split a large API into several audiences) and no large custom claims from Actions (api.accessToken.setCustomClaim).';

export const NO_TOKEN_FIX =
  'Log in first (login()), then pass the access token: auth0-spa-js getTokenSilently(), Lock authResult.accessToken.';
