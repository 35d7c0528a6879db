import { readFile } from 'node:fs/promises';
import { intOption, schemeOption, UsageError, type Io } from '../command.js';
import { CustlinkError } from '../../protocol/errors.js';

/**
 * `--output`: text (default) or json.
 *
 * @example
 * outputOption(values.output) // 'text'
 */
function outputOption(value: string | undefined): 'text' | 'json' {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text';
  throw new UsageError(`--output must be text or json; got "${value}"`);
}

/**
 * `--key`, else CUSTLINK_KEY. An empty value is a mistake, never a quiet switch to unsigned.
 *
 * @example
 * keyOption(values.key, io) // 'bf7769e5321448de88838cdb' or undefined
 */
function keyOption(value: string | undefined, io: Io): string | undefined {
  const key = value ?? io.env.CUSTLINK_KEY;
  if (key === '') throw new UsageError(value === undefined ? 'CUSTLINK_KEY is empty' : '--key is empty');
  return key;
}

/**
 * The PEM file of `--ca`, or a usage error naming it.
 *
 * @example
 * const ca = values.ca === undefined ? undefined : await readCa(values.ca);
 */
async function readCa(path: string | undefined): Promise<Buffer | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`--ca ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * A `--timeout` already parsed as a whole number, refusing 0 (which would never answer).
 *
 * @example
 * positive(intOption(values.timeout, '--timeout'), '--timeout') // 5000 or undefined
 */
export function positive(value: number | undefined, flag: string): number | undefined {
  if (value === 0) throw new UsageError(`${flag} must be above 0`);
  return value;
}

/**
 * Runs a builder (a client, a check), turning its `CustlinkError` (bad URL, key) into a
 * one-line usage error: on the command line these are the user's typing mistakes.
 *
 * @example
 * const client = usageErrors(() => createClient({ url }));
 */
export async function usageErrors<T>(build: () => T | Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (error instanceof CustlinkError) throw new UsageError(error.message.replace(/^\w+: /, ''));
    throw error;
  }
}

/**
 * A `--found`/`--missing` value: a JSON object of string lookup items.
 *
 * @example
 * itemsOption('{"callNum":"01012345678"}', '--found') // { callNum: '01012345678' }
 */
export function itemsOption(value: string, flag: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new UsageError(`${flag} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${flag} must be a JSON object of lookup items`);
  }
  for (const [name, item] of Object.entries(parsed)) {
    if (typeof item !== 'string') throw new UsageError(`${flag}: item "${name}" must be a string, as the helpdesk sends it`);
  }
  return parsed as Record<string, string>;
}

/** The flags `call` and `check` share: how to reach and sign for the endpoint, and the output. */
export const CONNECTION_FLAGS = {
  key: { type: 'string' },
  scheme: { type: 'string' },
  timeout: { type: 'string' },
  ca: { type: 'string' },
  output: { type: 'string' },
} as const;

/**
 * Reads the `CONNECTION_FLAGS` values, with a one-line usage error for any that is wrong.
 *
 * @example
 * const { key, scheme, timeoutMs, ca, output } = await connectionOptions(values, io);
 */
export async function connectionOptions(
  values: { key?: string; scheme?: string; timeout?: string; ca?: string; output?: string },
  io: Io,
) {
  return {
    output: outputOption(values.output),
    key: keyOption(values.key, io),
    scheme: schemeOption(values.scheme, false),
    timeoutMs: positive(intOption(values.timeout, '--timeout'), '--timeout'),
    ca: await readCa(values.ca),
  };
}
