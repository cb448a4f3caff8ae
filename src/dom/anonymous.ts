import type { Directive } from './registry.js';

/** `data-anonymous`: allowed only once it is known that nobody is signed in. */
export const anonymous: Directive = {
  attribute: 'data-anonymous',
  gate:
    () =>
    ({ state }) =>
      state === 'anonymous',
};
