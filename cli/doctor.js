#!/usr/bin/env node
// `npx auth0-permissions doctor [TOKEN] [options]`: explains why a token carries no permissions.
import { diagnose, inspectToken, permissionsFromClaims } from '../dist/index.js';

const USAGE = `Usage: npx auth0-permissions doctor [TOKEN] [options]

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

Exit status: 0 no error found, 1 an error-severity finding, 2 usage error.`;

const FLAGS = {
  '--audience': 'audience',
  '--domain': 'domain',
  '--client-id': 'clientId',
  '--claim': 'claim',
};

class UsageError extends Error {}

function usageError(message) {
  throw new UsageError(message);
}

function parse(argv) {
  const expected = {};
  const claims = [];
  const positional = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { help: true };
    if (arg === '--json') json = true;
    else if (arg.startsWith('-') && arg.length > 1) {
      const [flag, inline] = arg.split(/=(.*)/s);
      const key = FLAGS[flag];
      if (!key) usageError(`unknown option ${flag}`);
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') usageError(`${flag} needs a value`);
      if (key === 'claim') claims.push(value);
      else expected[key] = value;
    } else positional.push(arg);
  }
  if (claims.length) expected.claim = claims.length === 1 ? claims[0] : claims;
  const [command, token, ...rest] = positional;
  if (command !== 'doctor') usageError(command ? `unknown command ${command}` : 'missing command');
  if (rest.length) usageError(`unexpected argument ${rest[0].slice(0, 20)}`);
  return { expected, token, json };
}

async function readStdin() {
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  data = data.trim();
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
  return `No problem found: ${granted.length} permission(s) in '${[claim].flat().join("' or '")}'${granted.length ? `: ${granted.slice(0, 20).join(' ')}${granted.length > 20 ? ' …' : ''}` : ''}.`;
}

async function main(argv) {
  const args = parse(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let input = args.token;
  if (input === undefined) {
    if (process.stdin.isTTY) usageError('no token: pass it as an argument or on standard input');
    input = await readStdin();
  }
  const findings = diagnose(input, args.expected);
  const ok = !findings.some((f) => f.severity === 'error');
  process.stdout.write(
    args.json
      ? `${JSON.stringify({ ok, findings }, null, 2)}\n`
      : `${render(findings, input, args.expected)}\n`,
  );
  return ok ? 0 : 1;
}

function render(findings, input, expected) {
  const color = process.stdout.isTTY && !process.env.NO_COLOR;
  const paint = (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  if (!findings.length) return paint(32, `✔ ${summary(input, expected)}`);
  const SEVERITY = { error: [31, '✖ error'], warning: [33, '▲ warning'], info: [36, 'ℹ info'] };
  return findings
    .map(({ code, severity, message, fix, evidence }) => {
      const [tint, label] = SEVERITY[severity] ?? [0, severity];
      const facts = Object.entries(evidence).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      return [
        `${paint(tint, label)} ${paint(1, code)}`,
        `  ${message}`,
        `  ${paint(32, 'Fix:')} ${fix}`,
        ...(facts.length ? [`  ${paint(2, 'Evidence:')} ${facts.join(' ')}`] : []),
      ].join('\n');
    })
    .join('\n\n');
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(
    `auth0-permissions: ${error.message}\n${USAGE.split('\n')[0]}\nRun \`npx auth0-permissions --help\` for the options.\n`,
  );
  process.exitCode = 2;
}
