import { afterAll, beforeAll, describe, it } from 'vitest';
import { faultRows, rowTitle } from './pages/reliability/faults.js';
import { type RowResult, runRow, saveResults, stopDemoApi } from './pages/reliability/matrix.js';
import { type ReliabilityStack, startReliabilityStack } from './pages/reliability/stack.js';

/**
 * The fault matrix (pages/reliability/faults.ts) for lockOptions + fromLock over the REAL
 * Lock 14 in Chromium. Lock renews with checkSession: a hidden /authorize iframe (prompt=none,
 * web_message) that returns the tokens itself, so every fault is placed there. The page gives
 * checkSession a 1.5 s time-out (auth0-js waits 60 s by default).
 */

let stack: ReliabilityStack;
const results: RowResult[] = [];
beforeAll(async () => {
  stack = await startReliabilityStack({ lock: true });
});
afterAll(async () => {
  await saveResults('lock', results);
  await stopDemoApi();
  await stack?.stop();
});

describe('fault matrix: Lock (checkSession iframe renewal)', () => {
  for (const row of faultRows('lock'))
    it(rowTitle(row), async () => {
      results.push(await runRow(stack, row));
    });
});
