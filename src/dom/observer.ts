import { guardDisplay } from './inline-display.js';
import { MODE } from './mode.js';
import { attached, forget, type Store, scan, sync } from './store.js';

/**
 * One MutationObserver for the whole root, watching only the directives' own attributes (so it
 * never reacts to its own writes) and `style`, for the inline-display guard. Returns the
 * disconnect.
 */
export function observeTree(store: Store): () => void {
  const observer = new MutationObserver((mutations) => {
    const removed: Node[] = [];
    const added: Node[] = [];
    for (const mutation of mutations) {
      if (mutation.attributeName === 'style') {
        // Any element's inline style may change, often (animations): one Map lookup for the
        // others. The guard's own write comes back here once and finds nothing to take off.
        const record = store.records.get(mutation.target as Element);
        if (record?.allowed === false && record.mode === 'hide') guardDisplay(record.element);
      } else if (mutation.type === 'attributes') {
        if (attached(store, mutation.target)) sync(store, mutation.target as Element);
      } else {
        removed.push(...mutation.removedNodes);
        added.push(...mutation.addedNodes);
      }
    }
    for (const node of removed) if (!attached(store, node)) forget(store, node);
    for (const node of added)
      if (node.nodeType === 1 && attached(store, node)) scan(store, node as Element);
  });
  observer.observe(store.root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: [...store.directives.map((directive) => directive.attribute), MODE, 'style'],
  });
  return () => observer.disconnect();
}
