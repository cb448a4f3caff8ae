import { createGuard } from './guard.js';
import type { ServerOptions } from './options.js';
import type { VerifiedAccessToken } from './verify.js';

/**
 * The part of a Node/Express/Connect request the middleware reads. On success it also sets
 * `req.auth` (see {@link AuthorizedRequest}); `auth` is not declared here so that a request type
 * another library augmented (express-oauth2-jwt-bearer and express-jwt also use `req.auth`) fits.
 */
export interface MiddlewareRequest {
  headers: { authorization?: string | string[] | undefined };
}

/**
 * A request that passed `requirePermission`: `req.auth` holds the verified claims, permissions
 * and `check` (never the token).
 *
 * @example
 * app.get('/reports', requirePermission('read:reports', options), (req, res) => {
 *   const { auth } = req as AuthorizedRequest<typeof req>;
 *   res.json({ canDelete: auth.check('delete:reports') });
 * });
 */
export type AuthorizedRequest<R = MiddlewareRequest> = R & { auth: VerifiedAccessToken };

/** The part of a Node/Express/Connect response the middleware writes when it refuses. */
export interface MiddlewareResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/**
 * An Express/Connect middleware. It also resolves to `true` when the request passed (after
 * calling `next()`), `false` when it answered the refusal, so plain `node:http` code can await it.
 */
export type PermissionMiddleware = (
  req: MiddlewareRequest,
  res: MiddlewareResponse,
  next: (error?: unknown) => void,
) => Promise<boolean>;

/**
 * Express/Connect middleware: verifies the `Authorization: Bearer` access token and requires the
 * expression. On success `req.auth` is `{ claims, permissions, check }` and the next handler
 * runs; otherwise it answers 401 (`WWW-Authenticate: Bearer error="invalid_token"`, or no error
 * without a token), 403 (`error="insufficient_scope"`) or 503 (key set unreachable) with a JSON
 * body `{ error, error_description, code, fix }`, and hands the finding to `options.logger`.
 *
 * @throws {Auth0PermissionsError} at creation: `ERR_EXPRESSION_SYNTAX` for a bad expression,
 * `ERR_INVALID_OPTIONS` when `audience` or `domain`/`issuer` is missing.
 * @example
 * const auth = { domain: 'example.eu.auth0.com', audience: 'https://api.example.com' };
 * app.delete('/reports/:id', requirePermission('delete:reports and not archived', auth), handler);
 * // plain node:http
 * if (!(await canRead(req, res, () => {}))) return; // refused: the answer is sent
 */
export function requirePermission(
  expression: string,
  options: ServerOptions,
): PermissionMiddleware {
  const guard = createGuard(expression, options);
  return (req, res, next) =>
    guard(req.headers.authorization).then(
      (decision) => {
        if ('auth' in decision) {
          (req as AuthorizedRequest).auth = decision.auth;
          next();
          return true;
        }
        const { status, headers, body } = decision.refusal;
        res.statusCode = status;
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(body));
        return false;
      },
      (error: unknown) => {
        next(error);
        return false;
      },
    );
}
