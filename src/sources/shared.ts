import { Auth0PermissionsError } from '../errors.js';
import { findSecret } from '../internal/find-secret.js';
import type { CreatePermissionsOptions } from '../permissions.js';
import type { DiagnoseExpected } from '../types.js';
import type { ResilienceOptions } from './live.js';

/** Options every SDK adapter passes through to the live instance. */
export type LiveOptions<P extends string = string> = ResilienceOptions &
  Pick<
    CreatePermissionsOptions<P>,
    'claim' | 'renewBeforeExpiry' | 'clockTolerance' | 'start' | 'knownPermissions'
  >;

// Every option of LiveOptions, no other: the compiler checks both ways (a Record of its keys).
const LIVE: Record<keyof LiveOptions, true> = {
  claim: true,
  renewBeforeExpiry: true,
  retries: true,
  retryDelay: true,
  attemptTimeout: true,
  clockTolerance: true,
  diagnostics: true,
  channel: true,
  start: true,
  knownPermissions: true,
};
const LIVE_KEYS = Object.keys(LIVE) as (keyof LiveOptions)[];

/** Splits the options meant for the live instance from the rest. */
export function splitLiveOptions<P extends string, T extends LiveOptions<P>>(
  options: T,
): [LiveOptions<P>, Omit<T, keyof LiveOptions>] {
  const live: Record<string, unknown> = {};
  const rest: Record<string, unknown> = { ...(options as object) };
  for (const key of LIVE_KEYS) {
    if (rest[key] !== undefined) live[key] = rest[key];
    delete rest[key];
  }
  return [live as LiveOptions<P>, rest as Omit<T, keyof LiveOptions>];
}

/** What the instance's `diagnose()` compares the token with: the audience, domain and client. */
export function expectedOf(
  audience: string,
  { domain, clientId }: { domain?: string | undefined; clientId?: string | undefined },
): DiagnoseExpected {
  return { audience, ...(domain ? { domain } : {}), ...(clientId ? { clientId } : {}) };
}

/**
 * The one audience found in `places` (name → value), or an `Auth0PermissionsError`:
 * `AUDIENCE_NOT_CONFIGURED` when there is none, `AUDIENCE_MISPLACED` when two differ.
 */
export function resolveAudience(places: Record<string, unknown>, sdk: string): string {
  let first: [where: string, audience: string] | undefined;
  for (const [where, value] of Object.entries(places)) {
    if (typeof value !== 'string' || !value.trim()) continue;
    if (!first) first = [where, value];
    else if (value !== first[1])
      throw new Auth0PermissionsError(
        'AUDIENCE_MISPLACED',
        `Two audiences for ${sdk}: ${first[0]} = '${first[1]}' and ${where} = '${value}'. Keep one API Identifier.`,
        { audiences: { [first[0]]: first[1], [where]: value } },
      );
  }
  if (!first)
    throw new Auth0PermissionsError(
      'AUDIENCE_NOT_CONFIGURED',
      `No audience for ${sdk}: Auth0 would issue an opaque token, without permissions. Pass audience: your API Identifier (Applications → APIs).`,
    );
  return first[1];
}

/** Refuses a client secret in browser code (`CLIENT_SECRET_IN_BROWSER`), found as diagnose() finds it. */
export function refuseClientSecret(options: object): void {
  const path = findSecret(options);
  if (path)
    throw new Auth0PermissionsError(
      'CLIENT_SECRET_IN_BROWSER',
      `${path} in browser code, where anyone can read it: remove it and rotate the secret (Applications → your app → Credentials).`,
    );
}
