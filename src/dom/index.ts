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

/**
 * Makes the page follow the user's permissions: `data-permission`, `data-permission-mode`,
 * `data-authenticated`, `data-anonymous`, `data-auth-action` and
 * `<html data-permissions-state>`, for the elements under `root` now and added later. Also adds
 * the fail-closed stylesheet to the document, or to the shadow root `root` is in (link
 * `auth0-permissions.css` first in `<head>` too, so nothing shows before this runs). Binding the
 * same root again replaces the earlier binding. Elements inside a shadow root are gated only if
 * that shadow root (or an element in it) is bound: pass it as `root`.
 *
 * @param root The subtree to gate: an element, or a shadow root. @default document.documentElement
 * @returns The teardown: listeners removed, removed elements put back, every gated element
 *   left hidden (or disabled) as before evaluation.
 * @example
 * const permissions = createSpaPermissions({ domain, clientId, audience });
 * const unbind = bindDirectives(permissions);
 * // A web component's open shadow root, too:
 * bindDirectives(permissions, document.querySelector('report-card').shadowRoot);
 */
export function bindDirectives(
  instance: Permissions,
  root: Element | DocumentFragment = document.documentElement,
): () => void {
  return bind(instance, root, DIRECTIVES, pageState);
}
