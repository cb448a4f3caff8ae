import { Readable } from 'node:stream';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The streams a command gets from `process`, captured; standard input is `stdin` (not a TTY). */
export function io(stdin = '', env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdin: Object.assign(Readable.from(stdin ? [Buffer.from(stdin)] : []), { isTTY: false }),
      stdout: { isTTY: false, write: (s: string) => Boolean((out.stdout += s)) },
      stderr: { isTTY: false, write: (s: string) => Boolean((out.stderr += s)) },
      env: { NO_COLOR: '', ...env },
    },
  };
}

/** Runs `main(argv, io)` of a command module in-process, as the bin would. */
export async function run(
  main: (argv: string[], io: ReturnType<typeof io>['io']) => Promise<number>,
  argv: string[],
  stdin = '',
  env: Record<string, string> = {},
): Promise<Run> {
  const streams = io(stdin, env);
  const code = await main(argv, streams.io);
  return { code, ...streams.out };
}
