/** A short selector naming an element in console messages: `button#delete.danger`. */
export function describe(element: Element): string {
  const id = element.id ? `#${element.id}` : '';
  const classes = [...element.classList]
    .slice(0, 3)
    .map((name) => `.${name}`)
    .join('');
  return `<${element.localName}${id}${classes}>`;
}

const reported = new WeakMap<Element, string>();

/**
 * Logs `auth0-permissions: <element> message` with the element on the console, unless it was
 * the element's last message: an element is re-evaluated on every change, and its bad attribute
 * would otherwise flood the console.
 */
export function reportOnce(element: Element, message: string): void {
  if (reported.get(element) === message) return;
  reported.set(element, message);
  console.error(`auth0-permissions: ${describe(element)} ${message}`, element);
}
