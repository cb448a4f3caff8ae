import { describe } from './describe.js';

/** Set on a gated element once it is evaluated as allowed; the stylesheet keys on it. */
export const GRANTED = 'data-permission-granted';
/** `hide` (default), `remove` or `disable`. */
export const MODE = 'data-permission-mode';

type Mode = 'hide' | 'remove' | 'disable';

const applied = new WeakMap<Element, { mode: Mode; allowed: boolean }>();
const placeholders = new WeakMap<Element, Comment>();
const removedElements = new WeakMap<Node, Element>();
const authorDisabled = new WeakMap<Element, { disabled: boolean; ariaDisabled: string | null }>();
const reportedModes = new WeakMap<Element, string>();

function modeOf(element: Element): Mode {
  const value = element.getAttribute(MODE);
  if (value === null || value === 'hide' || value === 'remove' || value === 'disable')
    return value ?? 'hide';
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

function undo(element: Element, mode: Mode) {
  if (mode === 'remove') setRemoved(element, false);
  else if (mode === 'disable') setDisabled(element, false);
}

/** Shows, puts back or enables `element` when `allowed`; hides, removes or disables it otherwise. */
export function applyGate(element: Element, allowed: boolean): void {
  const mode = modeOf(element);
  const previous = applied.get(element);
  if (previous?.mode === mode && previous.allowed === allowed) return;
  if (previous && previous.mode !== mode) undo(element, previous.mode);
  applied.set(element, { mode, allowed });
  element.toggleAttribute(GRANTED, allowed);
  if (mode === 'remove') setRemoved(element, !allowed);
  else if (mode === 'disable') setDisabled(element, !allowed);
}

/** The element is no longer gated: undo every effect. */
export function releaseGate(element: Element): void {
  const previous = applied.get(element);
  if (!previous) return;
  applied.delete(element);
  undo(element, previous.mode);
  element.removeAttribute(GRANTED);
}

/**
 * Unbinding: back to the state before evaluation, which is fail-closed. A removed element
 * returns to its place (hidden by the stylesheet); a `disable` element stays disabled.
 */
export function resetGate(element: Element): void {
  const previous = applied.get(element);
  if (!previous) return;
  applied.delete(element);
  setRemoved(element, false);
  element.removeAttribute(GRANTED);
  if (previous.mode === 'disable') setDisabled(element, true);
}

/**
 * Blocks clicks (links, `role=button`, anything) inside a `disable` element that is not
 * allowed. One capturing listener on the root runs before any listener below it.
 */
export function blockDisabledClicks(root: Element): () => void {
  const onClick = (event: Event) => {
    const target = event.target as Element | null;
    for (let element = target?.closest?.(`[${MODE}]`); element; ) {
      if (applied.get(element)?.allowed === false && applied.get(element)?.mode === 'disable') {
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
