import { spawn } from 'node:child_process';
import { cpuMsOf, rssOf } from '../proc.js';
import { CONNECTIONS, SECONDS, WARMUP_SECONDS } from './knobs.js';

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

/** One server under one generator: the load's figures, the server's CPU per request and memory. */
export interface Measured {
  load: Load;
  cpuUsPerRequest: number;
  rss: { now: number; peak: number } | undefined;
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

/**
 * One generator's run against one server (CONNECTIONS, SECONDS after a warm-up), with the CPU the
 * server's process used per request meanwhile (a `--workers` primary's own only) and its memory.
 *
 * @example
 * const measured = await measure(runWrk, custlink, { pin: ['taskset', '-c', '1'], threads: 1 });
 */
export async function measure(generator: LoadGenerator, server: { url: string; pid: number }, { pin, threads }: Pick<LoadOptions, 'pin' | 'threads'>): Promise<Measured> {
  const cpuBefore = cpuMsOf(server.pid);
  const load = await generator({ url: server.url, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, pin, threads });
  return { load, cpuUsPerRequest: ((cpuMsOf(server.pid) - cpuBefore) * 1000) / load.total, rss: rssOf(server.pid) };
}
