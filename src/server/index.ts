// auth0-permissions/server: verify Auth0 access tokens on a Node (or Fetch API) server and
// enforce the same permission expressions as the page. Needs the optional peer `jose`.
export type { PermissionsClaim } from '../claims.js';
export {
  Auth0PermissionsError,
  type Auth0PermissionsErrorCode,
  isAuth0PermissionsError,
} from '../errors.js';
export { authorize } from './fetch.js';
export { AccessTokenError, type RefusalStatus, type ServerFinding } from './findings.js';
export { bearerToken, type Refusal, type RefusalBody } from './guard.js';
export {
  type AuthorizedRequest,
  type MiddlewareRequest,
  type MiddlewareResponse,
  type PermissionMiddleware,
  requirePermission,
} from './middleware.js';
export type { ServerOptions, VerifyOptions } from './options.js';
export { type VerifiedAccessToken, verifyAccessToken } from './verify.js';
