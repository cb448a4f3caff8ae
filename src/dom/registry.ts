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
  /** The directives whose attribute the element has. */
  present: readonly Directive[];
  /** Teardowns of the directives that `bind`, created on first need. */
  cleanups: Map<Directive, (() => void)[]> | undefined;
  gates: readonly Gate[];
  mode: Mode;
  /** What was last applied; `undefined` before the first evaluation. */
  allowed: boolean | undefined;
}

const NONE: readonly never[] = [];

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

  function evaluate(record: Bound) {
    if (!record.gates.length) return;
    let allowed = true;
    for (const gate of record.gates)
      if (!gate(snapshot)) {
        allowed = false;
        break;
      }
    if (record.allowed === allowed) return;
    record.allowed = allowed;
    applyGate(record.element, record.mode, allowed);
  }

  function unbindElement(record: Bound) {
    if (record.cleanups)
      for (const cleanups of record.cleanups.values()) for (const cleanup of cleanups) cleanup();
    records.delete(record.element);
    if (record.allowed !== undefined) resetGate(record.element, record.mode);
  }

  function sync(element: Element) {
    let record = records.get(element);
    let present: Directive[] | undefined;
    let gates: Gate[] | undefined;
    for (const directive of directives) {
      if (!element.hasAttribute(directive.attribute)) continue;
      if (present) present.push(directive);
      else present = [directive];
      if (!directive.gate) continue;
      if (gates) gates.push(directive.gate(element));
      else gates = [directive.gate(element)];
    }
    if (record?.cleanups)
      for (const [directive, cleanups] of record.cleanups)
        if (!present?.includes(directive)) {
          for (const cleanup of cleanups) cleanup();
          record.cleanups.delete(directive);
        }
    if (!present) {
      if (!record) return;
      records.delete(element);
      if (record.allowed !== undefined) releaseGate(element, record.mode);
      return;
    }
    const mode = gates ? modeOf(element) : 'hide';
    if (!record) {
      record = { element, present, cleanups: undefined, gates: NONE, mode, allowed: undefined };
      records.set(element, record);
    } else if (record.allowed !== undefined && (!gates || mode !== record.mode)) {
      releaseGate(element, record.mode);
      record.allowed = undefined;
    }
    record.present = present;
    record.gates = gates ?? NONE;
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
