import { spawn } from 'node:child_process';

/** What one measured run of a load generator reports. */
export interface Load {
  rps: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Requests answered, warm-up included (for CPU per request). */
  total: number;
}

/** How to run a load generator against one server. */
export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Prefix pinning the generator to its cores (`taskset -c 1`), or none. */
  pin: readonly string[];
  /** Generator threads (wrk; autocannon is one process). */
  threads: number;
}

/** A load generator: a warm-up run, then the measured one; each signs its lookups right before. */
export type LoadGenerator = (options: LoadOptions) => Promise<Load>;

/**
 * Runs `command` to its end and resolves to its stdout; a failure rejects with its stderr.
 *
 * @example
 * const out = await output(['taskset', '-c', '1', 'wrk', '-t1', url]);
 */
export function output(command: readonly string[]): Promise<string> {
  const [file, ...args] = command;
  const child = spawn(file!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command.join(' ')} exited ${code}: ${err}${out}`))));
  });
}
