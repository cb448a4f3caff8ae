import { type App, type InjectionKey, inject, type ShallowRef, shallowRef } from 'vue';
import { reportBadExpression } from '../bindings/report-expression.js';
import { Auth0PermissionsError } from '../errors.js';
import { parsePermissionExpression } from '../expression.js';
import type { Permissions, PermissionsSnapshot } from '../types.js';

/** What the plugin provides to the app: the instance and its snapshot as one shallow ref. */
export interface PermissionsContext {
  readonly instance: Permissions;
  readonly snapshot: ShallowRef<PermissionsSnapshot>;
  /** Bad expressions already reported on the console, so each is reported once. */
  readonly reported: Set<unknown>;
}

/** @internal The injection key of {@link PermissionsContext}. */
export const PERMISSIONS: InjectionKey<PermissionsContext> = Symbol('auth0-permissions');

/** Builds the context, its snapshot kept current until `app` unmounts. */
export function createContext(app: App, instance: Permissions): PermissionsContext {
  const { state, permissions, error } = instance;
  const snapshot = shallowRef<PermissionsSnapshot>({ state, permissions, error });
  app.onUnmount(
    instance.subscribe((next) => {
      snapshot.value = next;
    }),
  );
  return { instance, snapshot, reported: new Set() };
}

/** The error for a plugin, composable or guard used before what it needs is installed. */
export const notInstalled = (plugin = 'createAuth0Permissions()') =>
  new Auth0PermissionsError('ERR_INVALID_OPTIONS', `Install ${plugin} first`);

/** The context provided by `createAuth0Permissions()`. */
export function useContext(): PermissionsContext {
  const context = inject(PERMISSIONS);
  if (!context) throw notInstalled();
  return context;
}

/**
 * True while signed in and `expression` holds. A bad expression (or a value that is not a
 * string) grants nothing and is reported once on the console; it never throws into a render.
 */
export function allows(
  { state, permissions }: PermissionsSnapshot,
  expression: unknown,
  reported: Set<unknown>,
): boolean {
  try {
    // A value that is not a string (an unquoted name in a template) counts as empty.
    const parsed = parsePermissionExpression(typeof expression === 'string' ? expression : '');
    return state === 'authenticated' && parsed.test(permissions);
  } catch (error) {
    reportBadExpression(reported, expression, error);
    return false;
  }
}
