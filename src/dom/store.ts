import type { Permissions } from '../types.js';
import { type Bound, both, type Evaluation, evaluate } from './evaluation.js';
import { MODE, modeOf, placeholders, releaseGate, removedElements, resetGate } from './mode.js';
import type { Directive, Gate } from './registry.js';

/** The elements bound under one root, and what they need. */
export interface Store extends Evaluation {
  readonly instance: Permissions;
  /** An element, or a shadow root. */
  readonly root: Element | DocumentFragment;
  readonly directives: readonly Directive[];
  /** Matches an element carrying any directive's attribute. */
  readonly selector: string;
  // Iterated on every change, so a Map: it holds no element longer than the page does, as
  // removed elements are dropped by the observer.
  readonly records: Map<Element, Bound>;
}

/** Under root, or under an element that `remove` mode took out of a tree under root. */
export const attached = (store: Store, node: Node | undefined): boolean =>
  !!node &&
  (store.root.contains(node) || attached(store, placeholders.get(node.getRootNode() as Element)));

/** Runs the teardowns of the directives whose attribute is gone, or of all of them. */
function runCleanups(record: Bound, all?: boolean) {
  for (const [directive, cleanups] of record.cleanups ?? [])
    if (all || !record.element.hasAttribute(directive.attribute)) {
      for (const cleanup of cleanups) cleanup();
      record.cleanups!.delete(directive);
    }
}

/** The element is gone (or the binding is): teardowns run, the gate back to fail-closed. */
export function unbindElement(store: Store, record: Bound): void {
  runCleanups(record, true);
  store.records.delete(record.element);
  if (record.allowed !== undefined) resetGate(record.element, record.mode);
}

// Apart from sync, so that the closure's scope is not allocated for every element.
function start(store: Store, record: Bound, directive: Directive) {
  const list: (() => void)[] = [];
  record.cleanups ??= new Map();
  record.cleanups.set(directive, list);
  directive.bind!(record.element, {
    instance: store.instance,
    cleanup: (teardown) => list.push(teardown),
  });
}

/** Every gating directive's test on `element` at once; `present` says if any attribute is. */
function gateOf(store: Store, element: Element, used: readonly Directive[]) {
  let present = false;
  let gate: Gate | undefined;
  // Indexed loops, no closures, one attribute read: this runs once per element in unoptimised code.
  for (let i = 0; i < used.length; i++) {
    const directive = used[i]!;
    const value = element.getAttribute(directive.attribute);
    if (value === null) continue;
    present = true;
    const next = directive.gate?.(element, value);
    if (next) gate = gate ? both(store, gate, next) : next;
  }
  return present ? gate : null;
}

/**
 * Brings the element's record in line with its attributes. `used` and `moded` say which
 * directives and whether `data-permission-mode` can be on it at all, so a scan of a large
 * subtree skips looking for the others on every element.
 */
export function sync(
  store: Store,
  element: Element,
  used = store.directives,
  moded: unknown = true,
) {
  let record = store.records.get(element);
  const gate = gateOf(store, element, used);
  if (record) runCleanups(record);
  if (gate === null) {
    store.records.delete(element);
    if (record?.allowed !== undefined) releaseGate(element, record.mode);
    return;
  }
  const mode = gate && moded ? modeOf(element) : 'hide';
  if (!record) {
    record = { element, cleanups: undefined, gate, mode, allowed: undefined };
    store.records.set(element, record);
  } else if (record.allowed !== undefined && (!gate || mode !== record.mode)) {
    releaseGate(element, record.mode);
    record.allowed = undefined;
  }
  record.gate = gate;
  record.mode = mode;
  for (let i = 0; i < used.length; i++) {
    const directive = used[i]!;
    if (
      directive.bind &&
      !record.cleanups?.has(directive) &&
      element.hasAttribute(directive.attribute)
    )
      start(store, record, directive);
  }
  evaluate(store, record);
}

/** Binds `node` (an element, or the shadow root bound) and every element under it. */
export function scan(store: Store, node: Element | DocumentFragment): void {
  const element = node.nodeType === 1 ? (node as Element) : undefined;
  const within = (attribute: string) =>
    element?.matches(`[${attribute}]`) || node.querySelector(`[${attribute}]`);
  const used = store.directives.filter((directive) => within(directive.attribute));
  const moded = within(MODE);
  if (element) sync(store, element, used, moded);
  // Indexed: `for…of` on a NodeList goes through the generic array iterator, which made the
  // first application at 10,000 elements ~4 ms slower in main-thread CPU (bench/dom-cpu.js).
  const list = node.querySelectorAll(store.selector);
  for (let i = 0; i < list.length; i++) sync(store, list[i]!, used, moded);
}

/** Unbinds what left the tree: `node`, the gated elements and placeholders under it. */
export function forget(store: Store, node: Node): void {
  // The node, the gated elements and comments under it, and what each placeholder stands for.
  const candidates: Node[] = [node];
  if (node.nodeType === 1) {
    candidates.push(...(node as Element).querySelectorAll(store.selector));
    // 128 is NodeFilter.SHOW_COMMENT (a literal: the global is absent in Node.js test runs).
    const comments = node.ownerDocument!.createTreeWalker(
      node,
      128 satisfies typeof NodeFilter.SHOW_COMMENT,
    );
    for (let comment = comments.nextNode(); comment; comment = comments.nextNode())
      candidates.push(comment);
  }
  for (const candidate of candidates) {
    const removed = removedElements.get(candidate);
    if (removed) candidates.push(removed, ...removed.querySelectorAll(store.selector));
    const record = store.records.get(candidate as Element);
    if (record && !attached(store, candidate)) unbindElement(store, record);
  }
}
