import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateKey } from '../../src/protocol/generate-key.js';
import { prepareSoakData, type SoakSourceKind } from './data.js';
import { startLoad, type LoadTally } from './load.js';
import { startPrivateRedis } from './redis.js';
import { startServe, type Exit, type ServerBuild, type ServerChild } from './server.js';

export interface SoakOptions {
  seconds: number;
  source: SoakSourceKind;
  connections?: number;
  maxRequests?: number;
  rows?: number;
  build?: ServerBuild;
  /** Where the demo database is kept and each run's config and server log go (default data/soak). */
  dir?: string;
  /** Each fault as it happens (default: nowhere). */
  progress?: (line: string) => void;
}

interface FaultRecord {
  /** Seconds since the load started. */
  at: number;
  fault: 'terminate sessions' | 'restart Redis' | 'SIGHUP' | 'SIGTERM';
  outcome: string;
}

export interface SoakResult {
  options: Required<Omit<SoakOptions, 'progress'>>;
  tally: LoadTally;
  faults: FaultRecord[];
  rss: { start?: { now: number; peak: number }; end?: { now: number; peak: number } };
  /** How the server ended; `undefined` only if it had to be killed. */
  exit?: Exit;
  /** Why the run counts as a crash: the server died before SIGTERM, exited non-zero, or hung. */
  crash?: string;
  serverLog: string;
}

const REDIS_DOWN_MS = 500;
const DRAIN_LIMIT_MS = 30_000;
const NEXT_REQUEST_MS = 50;

/**
 * Starts a private Redis and `custlink serve` with replay protection on it, runs the load, and
 * injects faults in turn every `seconds / 8` (2 to 15 s): the endpoint's database sessions ended
 * (PostgreSQL, MariaDB), Redis restarted, SIGHUP; then SIGTERM with the load still running.
 *
 * @example
 * const result = await runSoak({ seconds: 20, source: 'sqlite' });
 * result.tally.lost.size === 0 && result.crash === undefined
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const opts = { connections: 50, maxRequests: 10_000_000, rows: 20_000, build: 'dist' as const, dir: 'data/soak', ...options };
  const { progress = () => {}, ...shown } = opts;
  mkdirSync(opts.dir, { recursive: true });
  const runDir = mkdtempSync(join(resolve(opts.dir), 'run-'));
  const key = generateKey();
  const setup = performance.now();
  const data = await prepareSoakData(opts.source, { dir: opts.dir, rows: opts.rows });
  const cleanups: Array<() => Promise<unknown>> = [() => data.cleanup()];
  try {
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.stop());
    const config = join(runDir, 'custlink.soak.yaml');
    writeFileSync(config, data.configYaml(redis.url));
    const server = await startServe({ build: opts.build, config, logFile: join(runDir, 'server.log'), key });
    cleanups.push(async () => server.exit() ?? (server.signal('SIGKILL'), await server.exited));
    progress(`data, Redis (${redis.url}) and server (${server.url}) ready in ${((performance.now() - setup) / 1000).toFixed(1)} s`);

    const faults: FaultRecord[] = [];
    const rss: SoakResult['rss'] = { start: server.rss() };
    const started = performance.now();
    const at = (): number => Math.round((performance.now() - started) / 100) / 10;
    const record = (fault: FaultRecord['fault'], outcome: string): void => {
      faults.push({ at: at(), fault, outcome });
      progress(`${String(at()).padStart(6)} s  ${fault}: ${outcome}`);
    };
    const load = startLoad({ url: server.url, key, connections: opts.connections, maxRequests: opts.maxRequests, phone: data.phone, known: data.rows });

    const kinds = data.sessions === undefined ? (['restart Redis', 'SIGHUP'] as const) : (['terminate sessions', 'restart Redis', 'SIGHUP'] as const);
    const period = Math.min(15, Math.max(2, opts.seconds / 8));
    // Each wait for the next fault ends early when the server dies or the load runs out of requests.
    const interrupted = Promise.race([server.exited.then(() => 'ended' as const), load.done.then(() => 'done' as const)]);
    const until = (second: number) => within(interrupted, started + second * 1000 - performance.now());
    for (let n = 1; n * period < opts.seconds - 1; n++) {
      if ((await until(n * period)) !== undefined) break;
      const fault = kinds[(n - 1) % kinds.length]!;
      if (fault === 'terminate sessions') record(fault, `${await data.sessions!.terminate()} session(s) ended`);
      else if (fault === 'restart Redis') record(fault, await redis.restart(REDIS_DOWN_MS).then(() => `down ${REDIS_DOWN_MS} ms, back`));
      else record(fault, await reload(server));
    }
    if (server.exit() === undefined) await until(opts.seconds);

    let crash: string | undefined;
    const early = server.exit();
    if (early !== undefined) {
      crash = `the server died at ${at()} s before SIGTERM (${describeExit(early)})`;
      await load.stop();
    } else {
      rss.end = server.rss();
      // Every connection idle, as between a helpdesk's calls; then the next request on each comes
      // after the server has taken the signal: a drain answers it, closing idle ones cuts it.
      await within(load.hold(), 5_000);
      const signalled = performance.now();
      server.signal('SIGTERM');
      await sleep(NEXT_REQUEST_MS);
      load.drain();
      const exit = await within(server.exited, DRAIN_LIMIT_MS);
      if (exit === undefined) {
        crash = `no exit ${DRAIN_LIMIT_MS / 1000} s after SIGTERM (killed)`;
        record('SIGTERM', crash);
      } else {
        record('SIGTERM', `${describeExit(exit)} after ${Math.round(performance.now() - signalled)} ms`);
        if (exit.code !== 0) crash = `exit ${describeExit(exit)} after SIGTERM`;
      }
      await cleanups.pop()!();
      await load.stop();
    }
    const result = { options: shown, tally: load.tally, faults, rss, exit: server.exit(), crash, serverLog: server.tail(30) };
    rmSync(runDir, { recursive: true, force: true });
    return result;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => progress(`cleanup failed: ${String(error)}`));
  }
}

/** Sends SIGHUP and waits for the server to say whether the new config took. */
async function reload(server: ServerChild): Promise<string> {
  const count = (): number => server.log().split('custlink serve: reload').length;
  const before = count();
  const sent = performance.now();
  server.signal('SIGHUP');
  while (performance.now() - sent < 10_000 && server.exit() === undefined) {
    await sleep(25);
    if (count() > before) {
      const line = server.log().split('\n').reverse().find((l) => l.startsWith('custlink serve: reload')) ?? '';
      return `${line.includes('refused') ? 'REFUSED' : 'reloaded'} in ${Math.round(performance.now() - sent)} ms`;
    }
  }
  return server.exit() === undefined ? 'no answer within 10 s' : 'the server died';
}

function describeExit(exit: Exit): string {
  return exit.signal === null ? `exit code ${exit.code}` : `signal ${exit.signal}`;
}

/** `promise`'s value, or `undefined` after `ms`; the timer never outlives the answer. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((r) => void (timer = globalThis.setTimeout(() => r(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number): Promise<undefined> => new Promise((r) => setTimeout(() => r(undefined), ms));
