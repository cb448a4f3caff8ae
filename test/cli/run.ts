import { Readable } from 'node:stream';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A write-only stream that keeps what it is given. */
function capture() {
  const chunks: string[] = [];
  return {
    isTTY: false,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(''),
  };
}

/** The streams a command gets from `process`, captured; standard input is `stdin` (not a TTY). */
export function io(stdin = '', env: Record<string, string> = {}) {
  const stdout = capture();
  const stderr = capture();
  return {
    out: () => ({ stdout: stdout.text(), stderr: stderr.text() }),
    io: {
      stdin: Object.assign(Readable.from(stdin ? [Buffer.from(stdin)] : []), { isTTY: false }),
      stdout,
      stderr,
      env: { NO_COLOR: '', ...env },
      cwd: () => process.cwd(),
    },
  };
}

/** Runs `main(argv, io)` of a command module in-process, as the bin would. */
export async function run(
  main: (argv: string[], streams: ReturnType<typeof io>['io']) => Promise<number>,
  argv: string[],
  stdin = '',
  env: Record<string, string> = {},
  cwd?: string,
): Promise<Run> {
  const streams = io(stdin, env);
  if (cwd) streams.io.cwd = () => cwd;
  const code = await main(argv, streams.io);
  return { code, ...streams.out() };
}
