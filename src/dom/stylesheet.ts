import css from './auth0-permissions.css?raw';

const adopted = new WeakSet<Document>();

/**
 * Adds the fail-closed rules of `auth0-permissions.css` to `document`, once. A constructed
 * stylesheet is used because CSP `style-src` blocks an injected `<style>` element but not
 * `adoptedStyleSheets`.
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
