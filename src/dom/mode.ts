import { describe } from './describe.js';

/** Set on a gated element once it is evaluated as allowed; the stylesheet keys on it. */
export const GRANTED = 'data-permission-granted';
/** `hide` (default), `remove` or `disable`. */
export const MODE = 'data-permission-mode';

export type Mode = 'hide' | 'remove' | 'disable';

const placeholders = new WeakMap<Element, Comment>();
const removedElements = new WeakMap<Node, Element>();
const authorDisabled = new WeakMap<Element, { disabled: boolean; ariaDisabled: string | null }>();
const reportedModes = new WeakMap<Element, string>();

/** The element's `data-permission-mode`; an unknown value is reported once and means `hide`. */
export function modeOf(element: Element): Mode {
  const value = element.getAttribute(MODE);
  if (value === null) return 'hide';
  if (value === 'hide' || value === 'remove' || value === 'disable') return value;
  if (reportedModes.get(element) !== value) {
    reportedModes.set(element, value);
    console.error(
      `auth0-permissions: ${describe(element)} has ${MODE}="${value}"; use hide, remove or disable. Hiding it.`,
      element,
    );
  }
  return 'hide';
}

/** The comment standing in for an element that `remove` mode took out, if any. */
export const placeholderOf = (element: Element): Comment | undefined => placeholders.get(element);

/** The element that `remove` mode replaced with this comment, if any. */
export const removedElementOf = (comment: Node): Element | undefined =>
  removedElements.get(comment);

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

function setDisabled(element: Element, disabled: boolean) {
  const author = authorDisabled.get(element);
  if (disabled) {
    if (!author)
      authorDisabled.set(element, {
        disabled: element.hasAttribute('disabled'),
        ariaDisabled: element.getAttribute('aria-disabled'),
      });
    element.setAttribute('aria-disabled', 'true');
    if ('disabled' in element) element.setAttribute('disabled', '');
  } else if (author) {
    authorDisabled.delete(element);
    if (author.ariaDisabled === null) element.removeAttribute('aria-disabled');
    else element.setAttribute('aria-disabled', author.ariaDisabled);
    if ('disabled' in element) element.toggleAttribute('disabled', author.disabled);
  }
}

/** Shows, puts back or enables `element` when `allowed`; hides, removes or disables it otherwise. */
export function applyGate(element: Element, mode: Mode, allowed: boolean): void {
  element.toggleAttribute(GRANTED, allowed);
  if (mode === 'remove') setRemoved(element, !allowed);
  else if (mode === 'disable') setDisabled(element, !allowed);
}

/** Undoes what `mode` did: the element is no longer gated, or changes mode. */
export function releaseGate(element: Element, mode: Mode): void {
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

/**
 * Blocks clicks (links, `role=button`, anything) inside a `disable` element that `blocked`
 * says is not allowed. One capturing listener on the root runs before any listener below it.
 */
export function blockDisabledClicks(root: Element, blocked: (element: Element) => boolean) {
  const onClick = (event: Event) => {
    const target = event.target as Element | null;
    for (let element = target?.closest?.(`[${MODE}]`); element; ) {
      if (blocked(element)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      element = element.parentElement?.closest(`[${MODE}]`);
    }
  };
  root.addEventListener('click', onClick, true);
  root.addEventListener('auxclick', onClick, true);
  return () => {
    root.removeEventListener('click', onClick, true);
    root.removeEventListener('auxclick', onClick, true);
  };
}
