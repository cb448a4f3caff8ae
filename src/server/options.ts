import type { PermissionsClaim } from '../claims.js';
import { expectedIssuer } from '../diagnose/audience.js';
import { Auth0PermissionsError } from '../errors.js';
import type { ServerFinding } from './findings.js';

/** Options of {@link verifyAccessToken}, `requirePermission` and `authorize`. */
export interface VerifyOptions {
  /**
   * Your Auth0 domain (`example.eu.auth0.com`, a custom domain, or `http://localhost:4400` for the
   * stand-in). The issuer is `https://DOMAIN/`. Give `domain` or `issuer`; one is required.
   */
  domain?: string;
  /** The exact `iss` your tokens carry (`https://example.eu.auth0.com/`). Wins over `domain`. */
  issuer?: string;
  /** Your API Identifier (`aud`), or several accepted ones. Required: there is no default. */
  audience: string | readonly string[];
  /** Where the permissions are (see `permissionsFromClaims`). @default 'permissions' */
  claim?: PermissionsClaim;
  /** Seconds of clock skew accepted on `exp` and `nbf`. @default 5 */
  clockTolerance?: number;
  /**
   * Accepted signing algorithms; asymmetric only (no `none`, no `HS*`: the key set is public).
   * @default ['RS256']
   */
  algorithms?: readonly string[];
  /** The key set URL. @default `${issuer}.well-known/jwks.json` */
  jwksUri?: string;
  /**
   * The shortest time between two key set fetches caused by an unknown `kid` (jose's
   * `cooldownDuration`), in milliseconds. @default 30000
   */
  jwksCooldown?: number;
  /** Tokens longer than this many characters are refused unparsed. @default 16384 */
  maxTokenLength?: number;
}

/** Options of `requirePermission` and `authorize`: verification plus what the HTTP layer does. */
export interface ServerOptions extends VerifyOptions {
  /**
   * Receives every refusal (code, message, fix, evidence; never the token). `false` silences it.
   * @default one `console.warn` per code per process
   */
  logger?: ((finding: ServerFinding) => void) | false;
  /** The `realm` of `WWW-Authenticate`. @default the (first) audience */
  realm?: string;
}

/** Options checked once and completed with their defaults. */
export interface ResolvedOptions {
  issuer: string;
  audience: string | string[];
  claim: PermissionsClaim;
  clockTolerance: number;
  algorithms: string[];
  jwksUri: string;
  jwksCooldown: number;
  maxTokenLength: number;
}

const ASYMMETRIC = /^(?:RS|PS|ES)(?:256|384|512)$|^EdDSA$|^Ed25519$/;
const LOOPBACK = /^(?:localhost|127\.0\.0\.1|\[::1\])$/;
const resolved = new WeakMap<VerifyOptions, ResolvedOptions>();

const invalid = (message: string): never => {
  throw new Auth0PermissionsError('ERR_INVALID_OPTIONS', message);
};

function checkedUrl(url: string, what: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    invalid(`${what} '${url}' is not a URL.`);
  }
  const { protocol, hostname } = parsed!;
  if (protocol !== 'https:' && !(protocol === 'http:' && LOOPBACK.test(hostname)))
    invalid(
      `${what} '${url}' must be https (http only on localhost): keys fetched in clear text can be swapped.`,
    );
  return parsed!.href;
}

function resolve(options: VerifyOptions): ResolvedOptions {
  const { audience, claim = 'permissions', clockTolerance = 5, algorithms = ['RS256'] } = options;
  const audiences = [audience ?? []].flat();
  if (!audiences.length || audiences.some((a) => typeof a !== 'string' || !a))
    invalid("audience is required: your API Identifier (audience: 'https://api.example.com').");
  const { domain, issuer: given } = options;
  const issuer = expectedIssuer({
    ...(typeof domain === 'string' ? { domain } : {}),
    ...(typeof given === 'string' ? { issuer: given } : {}),
  });
  if (!issuer)
    invalid(
      "domain or issuer is required (domain: 'example.eu.auth0.com'): without it, any tenant's token would do.",
    );
  const bad = algorithms.find((alg) => !ASYMMETRIC.test(alg));
  if (!algorithms.length || bad !== undefined)
    invalid(
      `algorithms: '${bad}' is not allowed; use asymmetric ones such as RS256 (the key set is public, so HS* would accept tokens signed with it).`,
    );
  return {
    issuer: issuer!,
    audience: typeof audience === 'string' ? audience : [...audiences],
    claim,
    clockTolerance,
    algorithms: [...algorithms],
    jwksUri: checkedUrl(
      options.jwksUri ?? `${issuer!.replace(/\/+$/, '')}/.well-known/jwks.json`,
      'jwksUri',
    ),
    jwksCooldown: options.jwksCooldown ?? 30_000,
    maxTokenLength: options.maxTokenLength ?? 16_384,
  };
}

/**
 * Checks the options once per options object (a missing audience or issuer is an error here,
 * never a skipped check) and completes them with their defaults.
 *
 * @throws {Auth0PermissionsError} `ERR_INVALID_OPTIONS`
 */
export function resolveOptions(options: VerifyOptions): ResolvedOptions {
  if (typeof options !== 'object' || !options)
    invalid('Options are required: { domain, audience }.');
  let done = resolved.get(options);
  if (!done) {
    done = resolve(options);
    resolved.set(options, done);
  }
  return done;
}
