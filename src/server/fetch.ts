import { createGuard } from './guard.js';
import type { ServerOptions } from './options.js';
import type { VerifiedAccessToken } from './verify.js';

/**
 * Fetch API guard (Hono, Next.js route handlers, Cloudflare Workers, Deno, Bun): verifies the
 * `Authorization: Bearer` token of `request` and requires the expression. Resolves to the
 * verified `{ claims, permissions, check }`, or to the `Response` to return: 401, 403 or 503 as
 * `requirePermission` answers.
 *
 * @throws {Auth0PermissionsError} `ERR_EXPRESSION_SYNTAX`, `ERR_INVALID_OPTIONS` (rejects).
 * @example
 * export async function DELETE(request: Request) {
 *   const auth = await authorize(request, 'delete:reports', { domain, audience });
 *   if (auth instanceof Response) return auth;
 *   return Response.json({ deleted: true, by: auth.claims.sub });
 * }
 */
export async function authorize(
  request: Request,
  expression: string,
  options: ServerOptions,
): Promise<VerifiedAccessToken | Response> {
  const decision = await createGuard(expression, options)(request.headers.get('authorization'));
  if ('auth' in decision) return decision.auth;
  const { status, headers, body } = decision.refusal;
  return Response.json(body, { status, headers });
}
