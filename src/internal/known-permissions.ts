import { anyMatch, type PermissionExpression, watchParsed } from '../expression.js';
import type { KnownPermissions } from '../types.js';
import { isLocalhost } from './localhost.js';
import { suggest } from './suggest.js';

// The development warning for a permission the API does not define (`knownPermissions`).
// Loaded lazily by createPermissions, only when that option is given: none of it is in the
// core's first load. It hears every expression parsed on the page (check(), the directives,
// the React and Vue bindings), once each.

/** Every name given by the instances on the page, in order (the union of their lists). */
const known: string[] = [];
const knownSet = new Set<string>();
const warned = new Set<string>();

// Typed here: the library's own types do not depend on Node's.
declare const process: { env: { NODE_ENV?: string } };

/**
 * A production build: `process.env.NODE_ENV` is `'production'`. Vite, webpack, Rollup's and
 * esbuild's usual setups write that value into the app's code; without a bundler `process` does
 * not exist, and the page is taken for a development one.
 */
function production(): boolean {
  try {
    return process.env.NODE_ENV === 'production';
  } catch {
    return false;
  }
}

const development = () => !production() && isLocalhost();

/** Why `name` grants nothing on this API (with a "did you mean"), or `undefined`. */
function unknown(name: string): string | undefined {
  if (name.includes('*'))
    return anyMatch(name)(knownSet)
      ? undefined
      : `"${name}" matches none of the permissions your API defines`;
  if (knownSet.has(name)) return undefined;
  const meant = suggest(name, known);
  return `"${name}" is not a permission your API defines${meant ? ` (did you mean "${meant}"?)` : ''}`;
}

/** The element whose `data-permission` holds the expression, to show it on the console. */
function elementOf(source: string): Element | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const element of document.querySelectorAll('[data-permission]'))
    if (element.getAttribute('data-permission') === source) return element;
  return undefined;
}

function inspect({ source, permissions }: PermissionExpression): void {
  if (warned.has(source) || !development()) return;
  const problems = permissions.map(unknown).filter(Boolean);
  if (!problems.length) return;
  warned.add(source);
  const element = elementOf(source);
  console.warn(
    `auth0-permissions: the expression "${source}" names a permission your API does not define, which it never grants: ${problems.join('; ')}. knownPermissions lists the ones it defines; this warning shows in development only.`,
    ...(element ? [element] : []),
  );
}

/**
 * Adds `knownPermissions` to the names known on the page and, in development on `localhost`, warns once
 * on the console about each expression (parsed before or after) that names anything else.
 */
export function watch({
  knownPermissions = [],
}: {
  knownPermissions?: KnownPermissions | undefined;
}): void {
  for (const item of knownPermissions) {
    const name = typeof item === 'string' ? item : item.value;
    if (!knownSet.has(name)) known.push(name);
    knownSet.add(name);
  }
  if (!development()) return;
  const listener = (parsed: PermissionExpression) => {
    try {
      inspect(parsed);
    } catch {
      // A development aid never breaks the page.
    }
  };
  for (const parsed of watchParsed(listener)) if (!(parsed instanceof Error)) listener(parsed);
}
