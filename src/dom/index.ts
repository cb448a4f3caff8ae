import type { Permissions } from '../types.js';
import { anonymous } from './anonymous.js';
import { authAction } from './auth-action.js';
import { authenticated } from './authenticated.js';
import { permission } from './permission.js';
import { bind } from './registry.js';
import { pageState } from './state.js';

// Listed here, not self-registered on import: with `sideEffects: false` a bundler would drop
// a module imported only for its side effect.
const DIRECTIVES = [permission, authenticated, anonymous, authAction];
const EFFECTS = [pageState];

/**
 * Makes the page follow the user's permissions: `data-permission`, `data-permission-mode`,
 * `data-authenticated`, `data-anonymous`, `data-auth-action` and
 * `<html data-permissions-state>`, for the elements under `root` now and added later. Also adds
 * the fail-closed stylesheet to the document (ship `auth0-permissions.css` too, so nothing
 * shows before this runs). Binding the same root again replaces the earlier binding.
 *
 * @param root The subtree to gate. @default document.documentElement
 * @returns The teardown: listeners removed, removed elements put back, every gated element
 *   left hidden (or disabled) as before evaluation.
 * @example
 * const permissions = createSpaPermissions({ domain, clientId, audience });
 * const unbind = bindDirectives(permissions);
 */
export function bindDirectives(
  instance: Permissions,
  root: Element = document.documentElement,
): () => void {
  return bind(instance, root, DIRECTIVES, EFFECTS);
}
