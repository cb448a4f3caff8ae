import type { Permissions, PermissionsSnapshot } from '../types.js';
import {
  applyGate,
  blockDisabledClicks,
  MODE,
  type Mode,
  modeOf,
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

/** A test run on every change: may the element show? */
export type Gate = (snapshot: PermissionsSnapshot) => boolean;

/** One attribute and what it does. Gating directives answer `gate`; the others `bind`. */
export interface Directive {
  readonly attribute: string;
  /**
   * Compiles the element's attribute into its test. Called when the element is bound and
   * whenever the attribute changes; every gate on one element must agree.
   */
  gate?(element: Element): Gate;
  /** Wires listeners, handing each teardown to `context.cleanup`. */
  bind?(element: Element, context: DirectiveContext): void;
}

/** Something the page does once per binding, not per element (the `<html>` state attribute). */
export type PageEffect = (root: Element) => {
  update(snapshot: PermissionsSnapshot): void;
  teardown(): void;
};

interface Bound {
  readonly element: Element;
  /** Teardowns of the directives that `bind`, per directive, created on first need. */
  cleanups: Map<Directive, (() => void)[]> | undefined;
  gates: Gate[];
  mode: Mode;
  /** What was last applied; `undefined` before the first evaluation. */
  allowed: boolean | undefined;
}

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
  // Iterated on every change, so a Map: it holds no element longer than the page does, as
  // removed elements are dropped by the observer.
  const records = new Map<Element, Bound>();
  // The instance has the snapshot's fields until the first change hands a snapshot over.
  let snapshot: PermissionsSnapshot = instance;

  const attached = (node: Node): boolean => {
    if (root.contains(node)) return true;
    const top = node.getRootNode();
    const placeholder = top.nodeType === 1 ? placeholderOf(top as Element) : undefined;
    return placeholder ? attached(placeholder) : false;
  };

  function evaluate(record: Bound) {
    if (!record.gates.length) return;
    const allowed = record.gates.every((gate) => gate(snapshot));
    if (record.allowed === allowed) return;
    record.allowed = allowed;
    applyGate(record.element, record.mode, allowed);
  }

  function runCleanups(record: Bound, keep: readonly Directive[] = []) {
    for (const [directive, cleanups] of record.cleanups ?? [])
      if (!keep.includes(directive)) {
        for (const cleanup of cleanups) cleanup();
        record.cleanups!.delete(directive);
      }
  }

  function unbindElement(record: Bound) {
    runCleanups(record);
    records.delete(record.element);
    if (record.allowed !== undefined) resetGate(record.element, record.mode);
  }

  function sync(element: Element) {
    let record = records.get(element);
    const present = directives.filter((directive) => element.hasAttribute(directive.attribute));
    const gates = present.flatMap((directive) => (directive.gate ? [directive.gate(element)] : []));
    if (record) runCleanups(record, present);
    if (!present.length) {
      if (!record) return;
      records.delete(element);
      if (record.allowed !== undefined) releaseGate(element, record.mode);
      return;
    }
    const mode = gates.length ? modeOf(element) : 'hide';
    if (!record) {
      record = { element, cleanups: undefined, gates, mode, allowed: undefined };
      records.set(element, record);
    } else if (record.allowed !== undefined && (!gates.length || mode !== record.mode)) {
      releaseGate(element, record.mode);
      record.allowed = undefined;
    }
    record.gates = gates;
    record.mode = mode;
    for (const directive of present) {
      if (!directive.bind || record.cleanups?.has(directive)) continue;
      const list: (() => void)[] = [];
      record.cleanups ??= new Map();
      record.cleanups.set(directive, list);
      directive.bind(element, { instance, cleanup: (teardown) => list.push(teardown) });
    }
    evaluate(record);
  }

  function scan(element: Element) {
    if (element.matches(selector)) sync(element);
    const children = element.querySelectorAll(selector);
    for (let i = 0; i < children.length; i++) sync(children[i]!);
  }

  function removedBehind(comment: Node): Element[] {
    const element = removedElementOf(comment);
    return element ? [element, ...element.querySelectorAll(selector)] : [];
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
      if (record && !attached(candidate)) unbindElement(record);
    }
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
  const unblock = blockDisabledClicks(root, (element) => {
    const record = records.get(element);
    return record?.mode === 'disable' && record.allowed === false;
  });
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
    for (const record of records.values()) evaluate(record);
  });

  const unbind = () => {
    if (bindings.get(root) !== unbind) return;
    bindings.delete(root);
    unsubscribe();
    observer.disconnect();
    unblock();
    for (const record of [...records.values()]) unbindElement(record);
    for (const effect of running) effect.teardown();
  };
  bindings.set(root, unbind);
  return unbind;
}
