#!/usr/bin/env node
// The `auth0-permissions` bin: one entry dispatching to a module per command, each of which runs
// in-process as `main(argv, io)` → exit status (tests call it without spawning node).
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const COMMANDS = {
  doctor: () => import('./doctor.js'),
  types: () => import('./types.js'),
  lint: () => import('./lint.js'),
};

export const USAGE = `Usage: npx auth0-permissions <command> [options]

Commands:
  doctor [TOKEN]     explain why an access token carries no permissions
  types FILE         write TypeScript permission types from the APIs a tenant defines
  lint [globs…]      check the permission expressions of HTML, JSX/TSX and Vue templates

Run \`npx auth0-permissions <command> --help\` for a command's options.
Exit status: 0 nothing wrong, 1 an error found, 2 usage error or internal failure.`;

/**
 * @param {readonly string[]} argv the arguments after the bin name
 * @param {{ stdin: any, stdout: any, stderr: any, env: Record<string, string | undefined> }} io
 * @returns {Promise<number>} the exit status
 */
export async function main(argv, io) {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command ?? '') ? COMMANDS[command] : undefined;
  if (!load) {
    const problem = command ? `unknown command ${command.slice(0, 20)}` : 'missing command';
    io.stderr.write(
      `auth0-permissions: ${problem.replace(/[^\x20-\x7e]/g, '?')}\n${USAGE.split('\n\n', 2).join('\n\n')}\n`,
    );
    return 2;
  }
  return (await load()).main(rest, io);
}

/** True when node runs this file (directly or through npm's bin link), not when it is imported. */
function isBin() {
  try {
    return pathToFileURL(realpathSync(process.argv[1] ?? '')).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isBin()) process.exitCode = await main(process.argv.slice(2), process);
