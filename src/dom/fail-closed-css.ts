/** Set on a gated element once it is evaluated as allowed; the stylesheet keys on it. */
export const GRANTED = 'data-permission-granted';
/** `hide` (default), `remove` or `disable`. */
export const MODE = 'data-permission-mode';

const gated = (suffix: string) =>
  ['permission', 'authenticated', 'anonymous'].map((name) => `[data-${name}]${suffix}`).join();
const denied = `:not([${GRANTED}])`;
const disable = `[${MODE}=disable]`;
const rules = `${gated(`${denied}:not(${disable})`)}{display:none!important}${gated(disable + denied)}{pointer-events:none!important}`;

/**
 * The fail-closed rules, the one source of `dist/auth0-permissions.css` (vite.config.ts) and of
 * the stylesheet the library adopts. Every gated element stays hidden until marked
 * `[data-permission-granted]`; a `disable` element stays visible but takes no pointer input.
 *
 * The rules appear twice: unlayered, for browsers without cascade layers, and in the
 * `auth0-permissions` layer, because an `!important` declaration in a layer beats every
 * unlayered `!important` rule (`#panel { display: flex !important }`) and every one in a layer
 * declared later. A layer declared before it wins, which is why `auth0-permissions.css` must be
 * linked first in `<head>`: a stylesheet the library adopts comes after every page stylesheet.
 */
export const FAIL_CLOSED_CSS = `${rules}@layer auth0-permissions{${rules}}`;
