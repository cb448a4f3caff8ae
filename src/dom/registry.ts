import type { Permissions, PermissionsSnapshot } from '../types.js';
import {
  applyGate,
  blockDisabledClicks,
  MODE,
  placeholderOf,
  releaseGate,
  removedElementOf,
  resetGate,
} from './mode.js';
import { adoptStylesheet } from './stylesheet.js';

/** What a directive's `bind` receives. */
export interface DirectiveContext {
  readonly instance: Permissions;
  /** Runs `teardown` when the element leaves the page, loses the attribute, or on unbind. */
  cleanup(teardown: () => void): void;
}

/** One attribute and what it does. Gating directives answer `allows`; the others `bind`. */
export interface Directive {
  readonly attribute: string;
  /** Whether the element may show. Every gating directive on one element must agree. */
  allows?(element: Element, snapshot: PermissionsSnapshot): boolean;
  /** Wires listeners, handing each teardown to `context.cleanup`. */
  bind?(element: Element, context: DirectiveContext): void;
}

/** Something the page does once per binding, not per element (the `<html>` state attribute). */
export type PageEffect = (root: Element) => {
  update(snapshot: PermissionsSnapshot): void;
  teardown(): void;
};

const bindings = new WeakMap<Element, () => void>();

/**
 * Binds `directives` to every element under `root`, now and later, through one
 * MutationObserver that watches only the directives' own attributes (so it never reacts to its
 * own writes) and one subscription to `instance`. Returns the teardown.
 */
export function bind(
  instance: Permissions,
  root: Element,
  directives: readonly Directive[],
  effects: readonly PageEffect[],
): () => void {
  bindings.get(root)?.();
  adoptStylesheet(root.ownerDocument);
  const selector = directives.map((directive) => `[${directive.attribute}]`).join(',');
  const bound = new Set<Element>();
  const records = new WeakMap<Element, Map<Directive, (() => void)[]>>();
  let snapshot: PermissionsSnapshot = {
    state: instance.state,
    permissions: instance.permissions,
    error: instance.error,
  };

  const attached = (node: Node): boolean => {
    if (root.contains(node)) return true;
    const top = node.getRootNode();
    const placeholder = top.nodeType === 1 ? placeholderOf(top as Element) : undefined;
    return placeholder ? attached(placeholder) : false;
  };

  function evaluate(element: Element, record: Map<Directive, unknown>) {
    let gated = false;
    let allowed = true;
    for (const directive of record.keys()) {
      if (!directive.allows) continue;
      gated = true;
      if (!directive.allows(element, snapshot)) allowed = false;
    }
    if (gated) applyGate(element, allowed);
    else releaseGate(element);
  }

  function unbindElement(element: Element, record: Map<Directive, (() => void)[]>) {
    for (const cleanups of record.values()) for (const cleanup of cleanups) cleanup();
    records.delete(element);
    bound.delete(element);
    resetGate(element);
  }

  function sync(element: Element) {
    let record = records.get(element);
    for (const directive of directives) {
      const cleanups = record?.get(directive);
      if (element.hasAttribute(directive.attribute)) {
        if (cleanups) continue;
        if (!record) {
          record = new Map();
          records.set(element, record);
        }
        const list: (() => void)[] = [];
        record.set(directive, list);
        directive.bind?.(element, { instance, cleanup: (teardown) => list.push(teardown) });
      } else if (cleanups) {
        for (const cleanup of cleanups) cleanup();
        record!.delete(directive);
      }
    }
    if (!record) return;
    if (record.size === 0) {
      records.delete(element);
      bound.delete(element);
      releaseGate(element);
      return;
    }
    bound.add(element);
    evaluate(element, record);
  }

  function scan(element: Element) {
    if (element.matches(selector)) sync(element);
    for (const child of element.querySelectorAll(selector)) sync(child);
  }

  function forget(node: Node) {
    const candidates: Element[] = [];
    if (node.nodeType === 1) {
      const element = node as Element;
      candidates.push(element, ...element.querySelectorAll(selector));
      const comments = element.ownerDocument.createTreeWalker(element, 128);
      for (let comment = comments.nextNode(); comment; comment = comments.nextNode())
        candidates.push(...removedBehind(comment));
    } else if (node.nodeType === 8) candidates.push(...removedBehind(node));
    for (const candidate of candidates) {
      const record = records.get(candidate);
      if (record && !attached(candidate)) unbindElement(candidate, record);
    }
  }

  function removedBehind(comment: Node): Element[] {
    const element = removedElementOf(comment);
    return element ? [element, ...element.querySelectorAll(selector)] : [];
  }

  const observer = new MutationObserver((mutations) => {
    const removed: Node[] = [];
    const added: Node[] = [];
    for (const mutation of mutations) {
      if (mutation.type === 'attributes') {
        if (attached(mutation.target)) sync(mutation.target as Element);
      } else {
        removed.push(...mutation.removedNodes);
        added.push(...mutation.addedNodes);
      }
    }
    for (const node of removed) if (!attached(node)) forget(node);
    for (const node of added) if (node.nodeType === 1 && attached(node)) scan(node as Element);
  });

  const running = effects.map((effect) => effect(root));
  const unblock = blockDisabledClicks(root);
  for (const effect of running) effect.update(snapshot);
  scan(root);
  observer.observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: [...directives.map((directive) => directive.attribute), MODE],
  });
  const unsubscribe = instance.subscribe((next) => {
    snapshot = next;
    for (const effect of running) effect.update(snapshot);
    for (const element of bound) evaluate(element, records.get(element)!);
  });

  const unbind = () => {
    if (bindings.get(root) !== unbind) return;
    bindings.delete(root);
    unsubscribe();
    observer.disconnect();
    unblock();
    for (const element of [...bound]) unbindElement(element, records.get(element)!);
    for (const effect of running) effect.teardown();
  };
  bindings.set(root, unbind);
  return unbind;
}
