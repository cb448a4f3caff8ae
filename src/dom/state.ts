import type { PageEffect } from './registry.js';

/** `<html data-permissions-state="loading | authenticated | anonymous | error">`. */
export const pageState: PageEffect = (root) => {
  const html = root.ownerDocument.documentElement;
  return {
    update: ({ state }) => html.setAttribute('data-permissions-state', state),
    teardown: () => html.removeAttribute('data-permissions-state'),
  };
};
