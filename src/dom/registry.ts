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

/**
 * May the element show? It must depend on the snapshot only: a gate shared by many elements
 * runs once per snapshot.
 */
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
  /** Every gating directive's test at once; `undefined` when none gates the element. */
  gate: Gate | undefined;
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

  // Under root, or under an element that `remove` mode took out of a tree under root.
  const attached = (node: Node | undefined): boolean =>
    !!node && (root.contains(node) || attached(placeholderOf(node.getRootNode() as Element)));

  // Gates are shared by elements with the same attribute value, so each runs once per snapshot.
  let results = new Map<Gate, boolean>();
  const test = (gate: Gate): boolean =>
    results.get(gate) ?? results.set(gate, gate(snapshot)).get(gate)!;

  const both =
    (first: Gate, second: Gate): Gate =>
    () =>
      test(first) && test(second);

  function evaluate(record: Bound) {
    if (!record.gate) return;
    const allowed = test(record.gate);
    // Never `undefined === boolean`: V8 deoptimises on it, here again and again.
    if (record.allowed !== undefined && record.allowed === allowed) return;
    record.allowed = allowed;
    applyGate(record.element, record.mode, allowed);
  }

  /** Runs the teardowns of the directives whose attribute is gone, or of all of them. */
  function runCleanups(record: Bound, all?: boolean) {
    for (const [directive, cleanups] of record.cleanups ?? [])
      if (all || !record.element.hasAttribute(directive.attribute)) {
        for (const cleanup of cleanups) cleanup();
        record.cleanups!.delete(directive);
      }
  }

  function unbindElement(record: Bound) {
    runCleanups(record, true);
    records.delete(record.element);
    if (record.allowed !== undefined) resetGate(record.element, record.mode);
  }

  // Apart from sync, so that the closure's scope is not allocated for every element.
  function start(record: Bound, directive: Directive) {
    const list: (() => void)[] = [];
    record.cleanups ??= new Map();
    record.cleanups.set(directive, list);
    directive.bind!(record.element, { instance, cleanup: (teardown) => list.push(teardown) });
  }

  /**
   * Brings the element's record in line with its attributes. `used` and `moded` say which
   * directives and whether `data-permission-mode` can be on it at all, so a scan of a large
   * subtree skips looking for the others on every element.
   */
  function sync(element: Element, used = directives, moded: unknown = true) {
    let record = records.get(element);
    let present = false;
    let gate: Gate | undefined;
    // Indexed loops and no closures: this runs once per element in unoptimised code.
    for (let i = 0; i < used.length; i++) {
      const directive = used[i]!;
      if (!element.hasAttribute(directive.attribute)) continue;
      present = true;
      const next = directive.gate?.(element);
      if (next) gate = gate ? both(gate, next) : next;
    }
    if (record) runCleanups(record);
    if (!present) {
      records.delete(element);
      if (record?.allowed !== undefined) releaseGate(element, record.mode);
      return;
    }
    const mode = gate && moded ? modeOf(element) : 'hide';
    if (!record) {
      record = { element, cleanups: undefined, gate, mode, allowed: undefined };
      records.set(element, record);
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
        start(record, directive);
    }
    evaluate(record);
  }

  function scan(element: Element) {
    const within = (attribute: string) =>
      element.matches(`[${attribute}]`) || element.querySelector(`[${attribute}]`);
    const used = directives.filter((directive) => within(directive.attribute));
    const moded = within(MODE);
    for (const each of [element, ...element.querySelectorAll(selector)]) sync(each, used, moded);
  }

  function forget(node: Node) {
    // The node, the gated elements and comments under it, and what each placeholder stands for.
    const candidates: Node[] = [node];
    if (node.nodeType === 1) {
      candidates.push(...(node as Element).querySelectorAll(selector));
      const comments = node.ownerDocument!.createTreeWalker(node, 128);
      for (let comment = comments.nextNode(); comment; comment = comments.nextNode())
        candidates.push(comment);
    }
    for (const candidate of candidates) {
      const removed = removedElementOf(candidate);
      if (removed) candidates.push(removed, ...removed.querySelectorAll(selector));
      const record = records.get(candidate as Element);
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
    results = new Map();
    for (const effect of running) effect.update(snapshot);
    for (const record of records.values()) evaluate(record);
  });

  const unbind = () => {
    if (bindings.get(root) !== unbind) return;
    bindings.delete(root);
    unsubscribe();
    observer.disconnect();
    unblock();
    // Deleting the entry being visited is safe while iterating a Map.
    for (const record of records.values()) unbindElement(record);
    for (const effect of running) effect.teardown();
  };
  bindings.set(root, unbind);
  return unbind;
}
