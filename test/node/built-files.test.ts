// The BUILT files, as users get them: no eval, no new Function, no innerHTML, no storage writes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '../../dist');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.js')
        ? [join(dir, entry.name)]
        : [],
  );

describe('built files', () => {
  it('exist (npm test builds before it tests)', () => {
    expect(existsSync(join(dist, 'index.js')), 'run `npm run build` first').toBe(true);
    expect(existsSync(join(dist, 'auth0-permissions.global.js'))).toBe(true);
  });

  const built = existsSync(dist) ? files(dist) : [];
  it.each(built.map((file) => [file.slice(dist.length + 1), file]))(
    '%s is CSP-safe and keeps tokens in memory',
    (_name, file) => {
      const code = readFileSync(file, 'utf8');
      expect(code).not.toMatch(/\beval\s*\(/);
      expect(code).not.toMatch(/\bnew\s+Function\s*\(/);
      expect(code).not.toMatch(/\bFunction\s*\(\s*["'`]/);
      expect(code).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
      expect(code).not.toMatch(
        /(localStorage|sessionStorage)\s*\.\s*setItem|(localStorage|sessionStorage)\s*\[/,
      );
      expect(code).not.toMatch(/console\.(log|info|debug)\([^)]*\btoken\b/i);
    },
  );
});
