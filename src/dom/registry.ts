import type { Permissions, PermissionsSnapshot } from '../types.js';
import { evaluate } from './evaluation.js';
import { observeTree } from './observer.js';
import { type Store, scan, unbindElement } from './store.js';
import { adoptStylesheet } from './stylesheet.js';

/** What a directive's `bind` receives. */
export interface DirectiveContext {
  readonly instance: Permissions;
  /** Runs `teardown` when the element leaves the page, loses the attribute, or on unbind. */
  cleanup(teardown: () => void): void;
}

/**
 * May the element show? It must depend on the snapshot only: a gate shared by many elements
 * runs once per snapshot.
 */
export type Gate = (snapshot: PermissionsSnapshot) => boolean;

/** One attribute and what it does. Gating directives answer `gate`; the others `bind`. */
export interface Directive {
  readonly attribute: string;
  /**
   * Compiles the element's attribute, whose `value` is passed, into its test. Called when the
   * element is bound and whenever the attribute changes; every gate on one element must agree.
   */
  gate?(element: Element, value: string): Gate;
  /** Wires listeners, handing each teardown to `context.cleanup`. */
  bind?(element: Element, context: DirectiveContext): void;
}

/** What the page does once per binding, not per element: the `<html>` state attribute. */
export type PageEffect = (root: Element | DocumentFragment) => {
  update(snapshot: PermissionsSnapshot): void;
  teardown(): void;
};

const bindings = new WeakMap<Node, () => void>();

/**
 * Binds `directives` to every element under `root` (an element or a shadow root), now and later,
 * through one MutationObserver (observer.ts) and one subscription to `instance`. The record
 * store (store.ts) keeps each element's state, evaluation.ts answers the gates once per
 * snapshot, mode.ts applies them. Returns the teardown.
 */
export function bind(
  instance: Permissions,
  root: Element | DocumentFragment,
  directives: readonly Directive[],
  effect: PageEffect,
): () => void {
  bindings.get(root)?.();
  // The document's, or the shadow root's: document styles do not reach inside a shadow root.
  adoptStylesheet(root.getRootNode());
  const store: Store = {
    instance,
    root,
    directives,
    selector: directives.map((directive) => `[${directive.attribute}]`).join(),
    records: new Map(),
    // The instance has the snapshot's fields until the first change hands a snapshot over.
    snapshot: instance,
    results: new Map(),
  };
  const page = effect(root);
  page.update(instance);
  scan(store, root);
  const disconnect = observeTree(store);
  const unsubscribe = instance.subscribe((snapshot) => {
    store.snapshot = snapshot;
    store.results = new Map();
    page.update(snapshot);
    for (const record of store.records.values()) evaluate(store, record);
  });

  const unbind = () => {
    if (bindings.get(root) !== unbind) return;
    bindings.delete(root);
    unsubscribe();
    disconnect();
    // Deleting the entry being visited is safe while iterating a Map.
    for (const record of store.records.values()) unbindElement(store, record);
    page.teardown();
  };
  bindings.set(root, unbind);
  return unbind;
}
