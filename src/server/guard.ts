import { parsePermissionExpression } from '../expression.js';
import { AccessTokenError, type ServerFinding, serverFinding } from './findings.js';
import { type ResolvedOptions, resolveOptions, type ServerOptions } from './options.js';
import { type VerifiedAccessToken, verifyResolved } from './verify.js';

/** The JSON body of a refusal. Never holds the token. */
export interface RefusalBody {
  /** The RFC 6750 error; absent when the request carried no token at all. */
  error?: 'invalid_token' | 'insufficient_scope' | 'temporarily_unavailable';
  /** One line saying what is wrong. */
  error_description: string;
  /** The stable code (`OPAQUE_TOKEN`, `PERMISSION_DENIED`, …). */
  code: ServerFinding['code'];
  /** What to change. */
  fix: string;
  /** For a 403: the expression the token did not satisfy. */
  required?: string;
}

/** An HTTP answer to send instead of running the handler. */
export interface Refusal {
  status: 401 | 403 | 503;
  headers: Record<string, string>;
  body: RefusalBody;
}

/** What a guard decided for one request. */
export type Decision = { auth: VerifiedAccessToken } | { refusal: Refusal; finding: ServerFinding };

const warned = new Set<string>();

/** The default logger: one `console.warn` per code per process, never the token. */
function warnOnce(found: ServerFinding): void {
  if (warned.has(found.code)) return;
  warned.add(found.code);
  console.warn(
    `[auth0-permissions/server] ${found.code} (${found.status}): ${found.message} Fix: ${found.fix}`,
    found.evidence,
  );
}

/**
 * The token of an `Authorization: Bearer …` header, or `undefined` without one. Only this header
 * is read: a token in the URL leaks into logs and is ignored (RFC 6750 §2.3 discourages it).
 */
export function bearerToken(authorization: unknown): string | undefined {
  const value = Array.isArray(authorization) ? authorization[0] : authorization;
  if (typeof value !== 'string' || !/^bearer(?:\s|$)/i.test(value)) return undefined;
  return value.slice(6).trim() || undefined;
}

function refusalOf(found: ServerFinding, realm: string, expression: string): Refusal {
  const realmPart = `Bearer realm="${realm.replace(/["\\]/g, '')}"`;
  const error =
    found.status === 503
      ? 'temporarily_unavailable'
      : found.code === 'NO_TOKEN'
        ? undefined
        : found.status === 403
          ? 'insufficient_scope'
          : 'invalid_token';
  const headers: Record<string, string> =
    found.status === 503
      ? { 'retry-after': '10' }
      : { 'www-authenticate': error ? `${realmPart}, error="${error}"` : realmPart };
  const body: RefusalBody = {
    ...(error ? { error } : {}),
    error_description: found.message,
    code: found.code,
    fix: found.fix,
    ...(found.status === 403 ? { required: expression } : {}),
  };
  return { status: found.status, headers: { 'cache-control': 'no-store', ...headers }, body };
}

/**
 * Checks the options and the expression once (a bad one throws here, at setup) and returns the
 * per-request decision: verified token and satisfied expression, or the refusal to send.
 *
 * @throws {Auth0PermissionsError} `ERR_INVALID_OPTIONS`, `ERR_EXPRESSION_SYNTAX`
 */
export function createGuard(
  expression: string,
  options: ServerOptions,
): (authorization: unknown) => Promise<Decision> {
  const resolved: ResolvedOptions = resolveOptions(options);
  const parsed = parsePermissionExpression(expression);
  const realm = options.realm ?? [resolved.audience].flat()[0]!;
  const log = options.logger === false ? undefined : (options.logger ?? warnOnce);
  const refuse = (found: ServerFinding): Decision => {
    log?.(found);
    return { refusal: refusalOf(found, realm, expression), finding: found };
  };
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (token === undefined) return refuse(serverFinding.noToken());
    let auth: VerifiedAccessToken;
    try {
      auth = await verifyResolved(token, resolved);
    } catch (error) {
      if (error instanceof AccessTokenError) return refuse(error.finding);
      throw error;
    }
    return parsed.test(auth.permissions)
      ? { auth }
      : refuse(serverFinding.denied(expression, auth.permissions));
  };
}
