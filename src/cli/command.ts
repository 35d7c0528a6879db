import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SCHEMES, type Scheme, type SchemeOption } from '../protocol/types.js';
import { didYouMean } from './suggest.js';

/** Where a command reads and writes, so tests can run it in-process. */
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** One `custlink <name>` command. `run` resolves to the process exit code. */
export interface Command {
  name: string;
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

/** A mistake on the command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` in strict mode, with `--help` on every command and one-line errors.
 * Returns `null` when help was printed.
 *
 * @example
 * const args = parseCommand(command, argv, io, { key: { type: 'string', multiple: true } });
 * if (!args) return 0;
 */
export function parseCommand<O extends Options>(
  command: Pick<Command, 'usage'>,
  argv: string[],
  io: Io,
  options: O,
  allowPositionals = false,
) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
  } catch (error) {
    const line = (error as Error).message.split('\n')[0] ?? 'invalid arguments';
    const unknown = /^Unknown option '(--?[^'=]+)/.exec(line)?.[1];
    if (unknown === undefined) throw new UsageError(line);
    const flags = [...Object.keys(options), 'help'].map((name) => `--${name}`);
    throw new UsageError(`Unknown option '${unknown}'${didYouMean(unknown, flags)}; --help lists the options`);
  }
  if ((parsed.values as Record<string, unknown>).help) {
    io.stdout.write(command.usage.trimEnd() + '\n');
    return null;
  }
  return parsed as { values: { [K in keyof O]?: O[K] extends { multiple: true } ? string[] : O[K] extends { type: 'boolean' } ? boolean : string }; positionals: string[] };
}

/**
 * Reads standard input to the end, as bytes: a body is signed exactly as it arrives.
 *
 * @example
 * const body = await readAll(io.stdin);
 */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * A whole number option, or a usage error naming the flag.
 *
 * @example
 * intOption(values.timeout, '--timeout') // 5000
 */
export function intOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

/**
 * A `--scheme` value, or a usage error listing the allowed ones.
 *
 * @example
 * schemeOption('auto', true) // 'auto'
 */
export function schemeOption<A extends boolean>(
  value: string | undefined,
  allowAuto: A,
): (A extends true ? SchemeOption : Scheme) | undefined {
  if (value === undefined) return undefined;
  const allowed: readonly string[] = allowAuto ? [...SCHEMES, 'auto'] : SCHEMES;
  if (!allowed.includes(value)) throw new UsageError(`--scheme must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as never;
}

/**
 * Resolves with the first SIGTERM or SIGINT, so a long-running command can close cleanly
 * (drain requests, close the database) instead of dying mid-answer.
 *
 * @example
 * const signal = await waitForStopSignal();
 * await server.close();
 */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/**
 * A `--workers` value: a whole number from 1, or `auto` for the cores this process may use.
 *
 * @example
 * workersOption('auto') // 16 on a 16-core machine
 */
export function workersOption(value: string | undefined): number | undefined {
  if (value === 'auto') return availableParallelism();
  const workers = intOption(value, '--workers');
  if (workers === 0) throw new UsageError('--workers must be at least 1 (or auto: one per core)');
  return workers;
}
