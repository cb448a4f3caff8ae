// An inline `!important` declaration (`style="display: block !important"`) beats every
// stylesheet rule, layered or not, so the fail-closed stylesheet cannot hide an element that
// carries one. While such an element is denied, its `style` attribute is taken off (it shows
// nothing anyway), and put back when it is allowed. The observer calls `guardDisplay` again
// whenever the `style` attribute of a denied element changes.
const authorStyles = new WeakMap<Element, string>();

/** Hides a denied `hide`-mode element even against an inline `!important`. */
export function guardDisplay(element: Element): void {
  const style = element.getAttribute('style');
  // `!` appears in a style attribute only as `!important` (or inside a string, rarely).
  if (!style?.includes('!')) return;
  // Written again while denied: the later declarations come after, so they win when put back.
  authorStyles.set(element, `${authorStyles.get(element) ?? ''}${style};`);
  element.removeAttribute('style');
}

/** Puts back the inline style that {@link guardDisplay} took off, before any later one. */
export function releaseDisplay(element: Element): void {
  const style = authorStyles.get(element);
  if (style === undefined) return;
  authorStyles.delete(element);
  element.setAttribute('style', style + (element.getAttribute('style') ?? ''));
}
