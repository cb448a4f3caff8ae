import type { PermissionsSnapshot } from '../types.js';
import { applyGate, type Mode } from './mode.js';
import type { Directive, Gate } from './registry.js';

/** What the registry knows of one element carrying at least one directive's attribute. */
export interface Bound {
  readonly element: Element;
  /** Teardowns of the directives that `bind`, per directive, created on first need. */
  cleanups: Map<Directive, (() => void)[]> | undefined;
  /** Every gating directive's test at once; `undefined` when none gates the element. */
  gate: Gate | undefined;
  mode: Mode;
  /** What was last applied; `undefined` before the first evaluation. */
  allowed: boolean | undefined;
}

/** The snapshot the gates answer for, and each gate's answer, computed once per snapshot. */
export interface Evaluation {
  snapshot: PermissionsSnapshot;
  results: Map<Gate, boolean>;
}

/** Gates are shared by elements with the same attribute value, so each runs once per snapshot. */
export const test = (evaluation: Evaluation, gate: Gate): boolean =>
  evaluation.results.get(gate) ??
  evaluation.results.set(gate, gate(evaluation.snapshot)).get(gate)!;

/** One gate for an element with several: every one must agree. */
export const both =
  (evaluation: Evaluation, first: Gate, second: Gate): Gate =>
  () =>
    test(evaluation, first) && test(evaluation, second);

/** Applies the record's gate if its answer changed. */
export function evaluate(evaluation: Evaluation, record: Bound): void {
  if (!record.gate) return;
  const allowed = test(evaluation, record.gate);
  // Never `undefined === boolean`: V8 deoptimises on it, here again and again.
  if (record.allowed !== undefined && record.allowed === allowed) return;
  record.allowed = allowed;
  applyGate(record.element, record.mode, allowed);
}
