import { type Directive, type DirectiveBinding, watch } from 'vue';
import { applyGate, MODE, releaseGate } from '../dom/mode.js';
import { adoptStylesheet } from '../dom/stylesheet.js';
import { allows, type PermissionsContext } from './context.js';

type Binding = DirectiveBinding<string>;

const ATTRIBUTE = 'data-permission';
const modeOf = ({ modifiers }: Binding) => (modifiers.disable ? 'disable' : 'hide');

/**
 * `v-permission="'expr'"` hides the element until signed in with the expression holding;
 * `v-permission.disable="'expr'"` shows it disabled instead (`disabled`, `aria-disabled` and no
 * pointer events: use it on buttons, inputs and fieldsets, which the keyboard respects). It marks the element with the same
 * attributes as `data-permission` and relies on the fail-closed stylesheet (`display: none
 * !important` in a cascade layer), so Vue's own `v-show` and `:style` patches (without `!important`) cannot show it.
 * There is no `remove` mode: Vue must find the nodes it rendered where it put them.
 */
export function permissionDirective({
  snapshot,
  reported,
}: PermissionsContext): Directive<HTMLElement, string> {
  // The mounted elements and their latest binding, evaluated again on every change.
  const bound = new Map<HTMLElement, Binding>();
  const apply = (element: HTMLElement, binding: Binding) =>
    applyGate(element, modeOf(binding), allows(snapshot.value, binding.value, reported));
  watch(
    snapshot,
    () => {
      for (const [element, binding] of bound) apply(element, binding);
    },
    { flush: 'sync' },
  );

  function mark(element: HTMLElement, binding: Binding) {
    const before = bound.get(element);
    if (before && modeOf(before) !== modeOf(binding)) releaseGate(element, modeOf(before));
    bound.set(element, binding);
    element.setAttribute(ATTRIBUTE, String(binding.value));
    if (binding.modifiers.disable) element.setAttribute(MODE, 'disable');
    else element.removeAttribute(MODE);
    apply(element, binding);
  }

  return {
    // Before the element is inserted: hidden (or disabled) from its first paint.
    created(element, binding) {
      adoptStylesheet(element.ownerDocument);
      mark(element, binding);
    },
    // Vue may have patched `disabled` from the template: applied again after every update.
    updated: mark,
    unmounted(element) {
      bound.delete(element);
    },
  };
}
