import { Readable } from 'node:stream';
import type { Io } from '../command.js';

/**
 * An in-memory `Io` for running a command in-process: stdin from a string, output collected.
 *
 * @example
 * const io = memoryIo(); const code = await main(['call', url, 'callNum=1'], io); io.out();
 */
export function memoryIo(options: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv; tty?: boolean } = {}) {
  let out = '';
  let err = '';
  const io: Io = {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout: { write: (text: string) => (out += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (err += text), isTTY: options.tty ?? false },
    env: options.env ?? {},
  };
  return { io, out: () => out, err: () => err };
}
