// `npx auth0-permissions doctor [TOKEN] [options]`: explains why a token carries no permissions.
import { diagnose, inspectToken, permissionsFromClaims } from '../dist/index.js';
import { readAll, runCommand, safeJson, safeLine, usageError } from './terminal.js';

export const USAGE = `Usage: npx auth0-permissions doctor [TOKEN] [options]

Explains why an Auth0 access token carries no permissions. TOKEN may also be an
/authorize callback URL with ?error=..., or come on standard input (a token, a URL,
or JSON: a token response, an error response, claims or SDK options).

Options:
  --audience A    the API Identifier your app sends as audience
  --domain D      your Auth0 domain (tenant, custom domain or http://localhost:PORT)
  --client-id C   your application's client id (spots an ID token)
  --claim C       the claim holding permissions (repeat for a list tried in order)
  --json          print {"ok", "findings"} as JSON
  -h, --help      show this help

Exit status: 0 no error found, 1 an error-severity finding, 2 usage error or internal failure.`;

const COMMAND = {
  command: 'doctor',
  usage: USAGE,
  options: {
    '--audience': { key: 'audience' },
    '--domain': { key: 'domain' },
    '--client-id': { key: 'clientId' },
    '--claim': { key: 'claim', multiple: true },
    '--json': { key: 'json', boolean: true },
  },
};

/** A token, a URL, or the JSON the user pasted (a token response, claims, SDK options). */
async function readInput(stdin) {
  if (stdin.isTTY) throw usageError('no token: pass it as an argument or on standard input');
  const data = (await readAll(stdin)).trim();
  if (!data.startsWith('{')) return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function summary(input, expected) {
  const info = inspectToken(typeof input === 'string' ? input.replace(/^bearer\s+/i, '') : input);
  if (info.kind !== 'jwt') return 'No problem found.';
  const claim = expected.claim ?? 'permissions';
  const granted = [...permissionsFromClaims(info.claims, { claim })];
  const shown = granted.slice(0, 20).join(' ') + (granted.length > 20 ? ' …' : '');
  return `No problem found: ${granted.length} permission(s) in '${[claim].flat().join("' or '")}'${granted.length ? `: ${shown}` : ''}.`;
}

const SEVERITY = { error: [31, '✖ error'], warning: [33, '▲ warning'], info: [36, 'ℹ info'] };

/** Human blocks; every piece from the input goes through safeLine, colours are added after. */
function render(findings, input, expected, color) {
  const paint = (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  if (!findings.length) return paint(32, `✔ ${safeLine(summary(input, expected))}`);
  return findings
    .map(({ code, severity, message, fix, evidence }) => {
      const [tint, label] = SEVERITY[severity] ?? [0, safeLine(severity)];
      const facts = Object.entries(evidence ?? {}).map(
        ([k, v]) => `${safeLine(k)}=${safeLine(JSON.stringify(v))}`,
      );
      return [
        `${paint(tint, label)} ${paint(1, safeLine(code))}`,
        `  ${safeLine(message)}`,
        `  ${paint(32, 'Fix:')} ${safeLine(fix)}`,
        ...(facts.length ? [`  ${paint(2, 'Evidence:')} ${facts.join(' ')}`] : []),
      ].join('\n');
    })
    .join('\n\n');
}

/**
 * `doctor` in-process: `argv` without the command name; returns the exit status.
 * `io.diagnose` replaces the library's (tests use it to simulate an internal failure).
 * @param {readonly string[]} argv
 * @param {{ stdin: any, stdout: any, stderr: any, env: Record<string, string | undefined>, diagnose?: typeof diagnose }} io
 */
export function main(argv, io) {
  return runCommand(COMMAND, argv, io, async ({ options, positional }) => {
    if (positional.length > 1)
      throw usageError(`unexpected argument ${positional[1].slice(0, 20)}`);
    const { json, claim, ...expected } = options;
    if (claim) expected.claim = claim.length === 1 ? claim[0] : claim;
    const input = positional[0] ?? (await readInput(io.stdin));
    const findings = (io.diagnose ?? diagnose)(input, expected);
    const ok = !findings.some((f) => f.severity === 'error');
    const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
    io.stdout.write(
      json ? `${safeJson({ ok, findings })}\n` : `${render(findings, input, expected, color)}\n`,
    );
    return ok ? 0 : 1;
  });
}
