import { afterAll, beforeAll, describe, it } from 'vitest';
import { faultRows, rowTitle } from './pages/reliability/faults.js';
import { type RowResult, runRow, saveResults, stopDemoApi } from './pages/reliability/matrix.js';
import { type ReliabilityStack, startReliabilityStack } from './pages/reliability/stack.js';

/**
 * The fault matrix (pages/reliability/faults.ts) for createSpaPermissions over the REAL
 * auth0-spa-js 2.27 in Chromium: memory cache (silent renewal through the /authorize iframe)
 * and refresh tokens (the Web Worker's refresh grant).
 */

let stack: ReliabilityStack;
const results: RowResult[] = [];
beforeAll(async () => {
  stack = await startReliabilityStack();
});
afterAll(async () => {
  await saveResults('spa', results);
  await stopDemoApi();
  await stack?.stop();
});

for (const mode of ['spa-memory', 'spa-refresh'] as const) {
  describe(`fault matrix: auth0-spa-js, ${mode === 'spa-memory' ? 'memory cache (iframe renewal)' : 'refresh tokens'}`, () => {
    for (const row of faultRows(mode))
      it(rowTitle(row), async () => {
        results.push(await runRow(stack, row));
      });
  });
}
