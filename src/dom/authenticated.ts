import type { Directive } from './registry.js';

/** `data-authenticated`: allowed only while someone is signed in. */
export const authenticated: Directive = {
  attribute: 'data-authenticated',
  gate:
    () =>
    ({ state }) =>
      state === 'authenticated',
};
