// The BUILT files, as users get them: no eval, no new Function, no HTML injection, no token in
// storage or on the console. A build that bundles an Auth0 SDK keeps the SDK's own opt-in
// storage (auth0-spa-js writes localStorage only with cacheLocation: 'localstorage').
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

const RULES: [string, RegExp, { sdkBundlesMayDoThis?: boolean }?][] = [
  ['eval', /\beval\s*\(/g],
  ['new Function', /\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]/g],
  ['HTML injection', /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write\s*\(/g],
  ['storage write', /(localStorage|sessionStorage)\s*\.\s*setItem/g, { sdkBundlesMayDoThis: true }],
  [
    'token on the console',
    /console\.(log|info|debug|warn|error)\([^)]{0,80}\b(access_?token|token)\b/gi,
    // The SDK's own messages mention tokens ("no refresh token"); our code is checked elsewhere.
    { sdkBundlesMayDoThis: true },
  ],
];

function offences(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const bundlesSdk =
    /auth0-spa-js|auth0-lock|Auth0Lock/i.test(code) && /\.(spa|lock)\.global\.js$/.test(file);
  const found: string[] = [];
  for (const [name, pattern, options] of RULES) {
    if (bundlesSdk && options?.sdkBundlesMayDoThis) continue;
    for (const match of code.matchAll(pattern)) {
      found.push(`${name}: …${code.slice(Math.max(0, match.index - 40), match.index + 60)}…`);
    }
  }
  return found;
}

describe('built files', () => {
  it('exist (npm test builds before it tests)', () => {
    expect(existsSync(join(dist, 'index.js')), 'run `npm run build` first').toBe(true);
    expect(existsSync(join(dist, 'auth0-permissions.global.js'))).toBe(true);
  });

  const built = existsSync(dist) ? files(dist) : [];
  it.each(built.map((file) => [file.slice(dist.length + 1), file] as const))(
    '%s: no eval, no new Function, no HTML injection, no token storage or logging',
    (_name, file) => {
      expect(offences(file)).toEqual([]);
    },
  );
});
