/** A short selector naming an element in console messages: `button#delete.danger`. */
export function describe(element: Element): string {
  const id = element.id ? `#${element.id}` : '';
  const classes = [...element.classList]
    .slice(0, 3)
    .map((name) => `.${name}`)
    .join('');
  return `<${element.localName}${id}${classes}>`;
}
