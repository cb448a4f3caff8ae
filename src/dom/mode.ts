import { reportOnce } from './describe.js';
import { GRANTED, MODE } from './fail-closed-css.js';
import { guardDisplay, releaseDisplay } from './inline-display.js';

export { GRANTED, MODE };

export type Mode = 'hide' | 'remove' | 'disable';

/** The comment standing in for each element that `remove` mode took out (mode.ts writes it). */
export const placeholders = new WeakMap<Element, Comment>();
/** The element each such comment stands for (mode.ts writes it). */
export const removedElements = new WeakMap<Node, Element>();
// What `disable` mode sets, and to what; the author's own values are kept to be put back.
const DISABLING = [
  ['aria-disabled', 'true'],
  ['inert', ''],
  ['disabled', ''],
] as const;
const authorDisabled = new WeakMap<Element, (string | null)[]>();

/** The element's `data-permission-mode`; an unknown value is reported once and means `hide`. */
export function modeOf(element: Element): Mode {
  const value = element.getAttribute(MODE);
  if (value === null) return 'hide';
  if (value === 'hide' || value === 'remove' || value === 'disable') return value;
  reportOnce(element, `has ${MODE}="${value}"; use hide, remove or disable. Hiding it.`);
  return 'hide';
}

function setRemoved(element: Element, removed: boolean) {
  const placeholder = placeholders.get(element);
  if (removed && !placeholder && element.parentNode) {
    const comment = element.ownerDocument.createComment(' auth0-permissions ');
    placeholders.set(element, comment);
    removedElements.set(comment, element);
    element.replaceWith(comment);
  } else if (!removed && placeholder) {
    placeholders.delete(element);
    removedElements.delete(placeholder);
    placeholder.replaceWith(element);
  }
}

// `inert` takes the whole subtree out of focus, keyboard and pointer: a form inside can no
// longer be submitted with Enter, nor a link inside reached with Tab or clicked.
function setDisabled(element: Element, disabled: boolean) {
  const author = authorDisabled.get(element);
  if (disabled) {
    if (!author)
      authorDisabled.set(
        element,
        DISABLING.map(([name]) => element.getAttribute(name)),
      );
    for (const [name, value] of DISABLING)
      if (name !== 'disabled' || 'disabled' in element) element.setAttribute(name, value);
    // Chromium blurs a focused element made inert only at its next style update: a key pressed
    // before that would still reach it. (Inside a shadow root, the document's focus is the host.)
    const focused = element.ownerDocument.activeElement as HTMLElement | null;
    if (element.contains(focused)) focused!.blur();
  } else if (author) {
    authorDisabled.delete(element);
    DISABLING.forEach(([name], i) => {
      const value = author[i];
      if (value == null) element.removeAttribute(name);
      else element.setAttribute(name, value);
    });
  }
}

/** Shows, puts back or enables `element` when `allowed`; hides, removes or disables it otherwise. */
export function applyGate(element: Element, mode: Mode, allowed: boolean): void {
  element.toggleAttribute(GRANTED, allowed);
  if (mode === 'remove') setRemoved(element, !allowed);
  else if (mode === 'disable') setDisabled(element, !allowed);
  else if (allowed) releaseDisplay(element);
  else guardDisplay(element);
}

/** Undoes what `mode` did: the element is no longer gated, or changes mode. */
export function releaseGate(element: Element, mode: Mode): void {
  releaseDisplay(element);
  if (mode === 'remove') setRemoved(element, false);
  else if (mode === 'disable') setDisabled(element, false);
  element.removeAttribute(GRANTED);
}

/**
 * Unbinding: back to the state before evaluation, which is fail-closed. A removed element
 * returns to its place (hidden by the stylesheet); a `disable` element stays disabled.
 */
export function resetGate(element: Element, mode: Mode): void {
  setRemoved(element, false);
  element.removeAttribute(GRANTED);
  if (mode === 'disable') setDisabled(element, true);
}
