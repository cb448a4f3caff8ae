import { parsePermissionExpression } from '../expression.js';
import { describe } from './describe.js';
import type { Directive, Gate } from './registry.js';

const reported = new WeakMap<Element, string>();
// One test per distinct expression, shared by every element that uses it.
const gates = new Map<string, Gate>();

/** `data-permission="EXPRESSION"`: allowed only while signed in and the expression holds. */
export const permission: Directive = {
  attribute: 'data-permission',
  gate(element) {
    const source = element.getAttribute('data-permission') ?? '';
    const known = gates.get(source);
    if (known) return known;
    try {
      const expression = parsePermissionExpression(source);
      const gate: Gate = ({ state, permissions }) =>
        state === 'authenticated' && expression.test(permissions);
      if (gates.size >= 1000) gates.clear();
      gates.set(source, gate);
      return gate;
    } catch (error) {
      if (reported.get(element) !== source) {
        reported.set(element, source);
        console.error(
          `auth0-permissions: ${describe(element)} stays hidden: data-permission="${source}" is not a valid expression. ${(error as Error).message}.`,
          element,
        );
      }
      return () => false;
    }
  },
};
