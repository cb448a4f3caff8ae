import { parsePermissionExpression } from '../expression.js';
import { reportOnce } from './describe.js';
import type { Directive, Gate } from './registry.js';

const gates = new WeakMap<object, Gate>();

/** `data-permission="EXPRESSION"`: allowed only while signed in and the expression holds. */
export const permission: Directive = {
  attribute: 'data-permission',
  gate(element, source) {
    try {
      // Cached by expression, so elements sharing one share the gate and its result.
      const expression = parsePermissionExpression(source);
      return (
        gates.get(expression) ??
        gates
          .set(
            expression,
            ({ state, permissions }) => state === 'authenticated' && expression.test(permissions),
          )
          .get(expression)!
      );
    } catch (error) {
      reportOnce(
        element,
        `stays hidden: data-permission="${source}" is not a valid expression. ${(error as Error).message}.`,
      );
      return () => false;
    }
  },
};
