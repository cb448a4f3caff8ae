// What every command shares: argument parsing, its two kinds of failure, and output that cannot
// drive the user's terminal (a permission name or an error_description comes from a token or a
// file the user did not write; an ESC sequence in it could clear the screen or retitle the window).

/**
 * A failure the user can fix (bad option, unreadable file): one message, exit 2.
 * `usage: true` adds the command's usage line.
 */
export class CliError extends Error {
  /** @param {string} message @param {{ usage?: boolean }} [options] */
  constructor(message, { usage = false } = {}) {
    super(message);
    this.usage = usage;
  }
}

/** @param {string} message */
export const usageError = (message) => new CliError(message, { usage: true });

// C0 but tab/newline, DEL, C1 (U+009B is a one-byte CSI), and the bidirectional overrides that
// make text read differently from what it is ("Trojan source").
const UNSAFE = /(?![\n\t])[\p{Cc}\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text safe to print: control and bidi characters shown as `\u001b`, newlines and tabs kept. */
export const safeText = (value) => String(value).replace(UNSAFE, escapeChar);

/** One line of safe text: newlines and tabs escaped too. */
export const safeLine = (value) => safeText(value).replace(/[\n\t]/g, escapeChar);

/**
 * JSON safe to print: `JSON.stringify` escapes C0 but leaves DEL, C1 and bidi characters raw;
 * outside strings JSON has none of them, so escaping them everywhere keeps the JSON identical.
 */
export const safeJson = (value) =>
  JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, escapeChar);

/**
 * `--flag value`, `--flag=value`, boolean flags and repeatable ones; `-h`/`--help` anywhere.
 * @param {readonly string[]} argv
 * @param {Record<string, { key: string, boolean?: boolean, multiple?: boolean }>} spec
 */
export function parseOptions(argv, spec) {
  /** @type {Record<string, string | string[] | boolean>} */
  const options = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { help: true, options, positional };
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg.length === 1) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s);
    const option = spec[flag];
    if (!option) throw usageError(`unknown option ${flag}`);
    if (option.boolean) {
      if (inline !== undefined) throw usageError(`${flag} takes no value`);
      options[option.key] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw usageError(`${flag} needs a value`);
    if (option.multiple) options[option.key] = [...(options[option.key] ?? []), value];
    else options[option.key] = value;
  }
  return { help: false, options, positional };
}

/**
 * Runs a command: parses `argv` by `options` (printing `usage` on `--help`), then `body`, and
 * turns every failure into exit 2 with one clear message on stderr, never a stack trace: 1 is
 * reserved for "the check found an error".
 * @param {{ command: string, usage: string, options: Parameters<typeof parseOptions>[1] }} spec
 * @param {readonly string[]} argv
 * @param {{ stdout: { write(s: string): unknown }, stderr: { write(s: string): unknown } }} io
 * @param {(args: { options: Record<string, any>, positional: string[] }) => Promise<number>} body
 */
export async function runCommand({ command, usage, options }, argv, io, body) {
  try {
    const args = parseOptions(argv, options);
    if (!args.help) return await body(args);
    io.stdout.write(`${usage}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      const hint = error.usage
        ? `\n${usage.split('\n')[0]}\nRun \`npx auth0-permissions ${command} --help\` for the options.`
        : '';
      io.stderr.write(`auth0-permissions ${command}: ${safeText(error.message)}${hint}\n`);
    } else {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      io.stderr.write(
        `auth0-permissions ${command}: internal error, nothing was checked (${safeLine(what).slice(0, 300)}). Please report it.\n`,
      );
    }
    return 2;
  }
}

/**
 * Standard input as text (Buffers joined before decoding, so no character is split).
 * @param {AsyncIterable<string | Uint8Array>} stdin
 */
export async function readAll(stdin) {
  const chunks = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
