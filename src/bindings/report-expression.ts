// Shared by the framework bindings (src/react, src/vue), never by the core: bench/size.js counts
// it in each binding's own size.
/**
 * Reports on the console, once per value, an expression of a binding (a hook, a component, a
 * composable, `v-permission`) that cannot be parsed: it grants nothing and never throws into a
 * render.
 */
export function reportBadExpression(reported: Set<unknown>, expression: unknown, error: unknown) {
  if (reported.has(expression)) return;
  reported.add(expression);
  console.error(`auth0-permissions: "${expression}" grants nothing: ${(error as Error).message}`);
}
