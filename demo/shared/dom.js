// DOM helpers: every piece of data reaches the page as text (textContent), never as HTML.

/**
 * Creates an element. `props`: `class`, `text`, `data-*`/`aria-*` and other attributes, `on*`
 * listeners. Children: nodes or strings (as text).
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else if (name.startsWith('on') && typeof value === 'function')
      element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else
      element.setAttribute(
        name === 'className' ? 'class' : name,
        value === true ? '' : String(value),
      );
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** @param {string} id @returns {HTMLElement} */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`demo: #${id} is missing from the page`);
  return element;
}

/** Replaces the children of `parent`. @param {Element} parent @param {...(Node | string)} children */
export function fill(parent, ...children) {
  parent.replaceChildren(...children);
}
