import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/types.js';

// demo/spa/main.ts is typed by demo/spa/permissions.ts; `npx tsc --noEmit` checks that page.
describe('the demo SPA typed by the stand-in tenant', () => {
  it('demo/spa/permissions.ts is what `types dev-tenant/tenant.json` writes today', async () => {
    const chunks: string[] = [];
    const io = { stdout: { write: (text: string) => chunks.push(text) }, stderr: process.stderr };
    expect(await main(['dev-tenant/tenant.json'], io)).toBe(0);
    // When this fails: npx auth0-permissions types dev-tenant/tenant.json --out demo/spa/permissions.ts
    expect(readFileSync('demo/spa/permissions.ts', 'utf8')).toBe(chunks.join(''));
  });
});
