import type { ReactNode } from 'react';
import { useGate } from './hooks.js';

/** Props of {@link Can}. */
export interface CanProps {
  /** A permission expression: `delete:reports`, `read:reports and not archived`, `reports:*`. */
  when: string;
  /** Shown once it is known that the expression does not hold (anonymous included). @default nothing */
  fallback?: ReactNode;
  children?: ReactNode;
}

/**
 * Renders `children` only while signed in and `when` holds, `fallback` once it does not.
 * Nothing while loading, and nothing for a bad expression (reported once on the console).
 *
 * @example
 * <Can when="delete:reports" fallback={<span>Read only</span>}>
 *   <button onClick={remove}>Delete</button>
 * </Can>
 */
export function Can({ when, fallback, children }: CanProps): ReactNode {
  // By gate: granted, pending, denied (invalid: nothing).
  return [children, null, fallback][useGate(when)] ?? null;
}

/** Props of {@link RequirePermission}. */
export interface RequirePermissionProps {
  /** The expression the route needs. */
  when: string;
  /** Shown while the permissions load. @default nothing */
  loading?: ReactNode;
  /** Shown when the expression does not hold, the visitor is anonymous, or it is invalid. @default nothing */
  denied?: ReactNode;
  children?: ReactNode;
}

/**
 * A route guard: wrap a route's element with it (React Router or any router). Shows `loading`
 * while the permissions load, the route when `when` holds, `denied` otherwise. An anonymous
 * visitor is denied like any other: to send them to the login page, wrap the route in auth0-react's
 * `withAuthenticationRequired` as well.
 *
 * @example
 * <Route path="/admin" element={
 *   <RequirePermission when="manage:users" loading={<Spinner />} denied={<Navigate to="/" />}>
 *     <Admin />
 *   </RequirePermission>
 * } />
 */
export function RequirePermission({
  when,
  loading,
  denied,
  children,
}: RequirePermissionProps): ReactNode {
  // By gate: granted, pending, denied, invalid.
  return [children, loading, denied, denied][useGate(when)] ?? null;
}
