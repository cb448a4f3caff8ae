import { parsePermissionExpression } from '../expression.js';
import { describe } from './describe.js';
import type { Directive } from './registry.js';

const reported = new WeakMap<Element, string>();

/** `data-permission="EXPRESSION"`: allowed only while signed in and the expression holds. */
export const permission: Directive = {
  attribute: 'data-permission',
  gate(element) {
    const source = element.getAttribute('data-permission') ?? '';
    try {
      // Cached by expression, so elements sharing one cost a lookup each.
      const expression = parsePermissionExpression(source);
      return ({ state, permissions }) => state === 'authenticated' && expression.test(permissions);
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
