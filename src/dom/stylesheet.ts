import { FAIL_CLOSED_CSS } from './fail-closed-css.js';

const adopted = new WeakSet<Node>();

/**
 * Adds the fail-closed rules to `root`, a document or a shadow root, once; anything else (a
 * detached element) has no styles of its own and is skipped. A constructed stylesheet is used
 * because CSP `style-src` blocks an injected `<style>` element but not `adoptedStyleSheets`; a
 * shadow root needs its own, as document styles do not reach inside it. A browser without
 * `adoptedStyleSheets` (Safari before 16.4) gets nothing here: the page's
 * `<link rel="stylesheet" href="…/auth0-permissions.css">` covers it.
 */
export function adoptStylesheet(root: Node): void {
  if (adopted.has(root) || !('adoptedStyleSheets' in root)) return;
  adopted.add(root);
  const scope = root as Document | ShadowRoot;
  const sheet = new ((scope.ownerDocument ?? scope).defaultView ?? globalThis).CSSStyleSheet();
  sheet.replaceSync(FAIL_CLOSED_CSS);
  scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
}
