import css from './auth0-permissions.css?raw';

const adopted = new WeakSet<Document>();

/**
 * Adds the fail-closed rules of `auth0-permissions.css` to `document`, once. A constructed
 * stylesheet is used because CSP `style-src` blocks an injected `<style>` element but not
 * `adoptedStyleSheets`.
 *
 * Every gated element stays hidden until evaluated as allowed and marked
 * `[data-permission-granted]`; `disable` mode elements stay visible but inert. The rules appear
 * twice: unlayered (for browsers without cascade layers), and in a layer, because an
 * `!important` declaration in a layer beats every unlayered `!important` author rule, such as
 * `#panel { display: flex !important }`. (The comments of the stylesheet ship in the bundle, so
 * they live here.)
 */
export function adoptStylesheet(document: Document): void {
  if (adopted.has(document)) return;
  adopted.add(document);
  const view = document.defaultView;
  try {
    const sheet = new (view ?? globalThis).CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    (document.head ?? document.documentElement).append(style);
  }
}
