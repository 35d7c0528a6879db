import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { Pool } from 'undici';
import { signRequest } from '../../src/protocol/sign.js';

/** What the load saw: every request sent ends in exactly one of answered, lost or refused. */
export interface LoadTally {
  sent: number;
  /** Answers by `status` or `status CODE` (the error envelope's code). */
  answered: Map<string, number>;
  /** Requests the server took and never answered (reset, closed socket, timeout), by error. */
  lost: Map<string, number>;
  /** Connections the server did not accept (ECONNREFUSED) before the drain: nothing was sent. */
  refused: number;
  /**
   * Keep-alive connections the drain closed without a `Connection: close` answer: the next
   * request, sent 50 ms after SIGTERM, found the connection gone and a new one refused.
   */
  cut: number;
  /** Latency of answered requests, in microseconds. */
  latency: RecordableHistogram;
}

export interface LoadOptions {
  url: string;
  key: string;
  connections: number;
  maxRequests: number;
  /** Customer `index`'s phone; indexes from `known` on are customers nobody has. */
  phone(index: number): string;
  known: number;
}

/** A running load. */
export interface Load {
  tally: LoadTally;
  /** Resolves once every worker has its answer and waits: every connection is idle. */
  hold(): Promise<void>;
  /** Releases the workers into the drain: each stops at its connection's `Connection: close`. */
  drain(): void;
  /** Stops every worker after its current request and waits for them. */
  stop(): Promise<void>;
  /** Resolves when every worker has stopped (by `stop`, drain or `maxRequests`). */
  done: Promise<void>;
}

/**
 * `connections` keep-alive connections (an undici Pool), each sending signed lookups in a loop,
 * one at a time: 4 in 5 for known customers, 1 in 5 for unknown ones. Every body differs from the
 * last `known * 1.25` ones, so with a fresh millisecond timestamp no signature repeats and the
 * replay store refuses nothing.
 *
 * @example
 * const load = startLoad({ url, key, connections: 20, maxRequests: 1e6, phone: demoPhone, known: 20_000 });
 * await load.stop();
 */
export function startLoad(options: LoadOptions): Load {
  const { origin, pathname } = new URL(options.url);
  const pool = new Pool(origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: 15_000, bodyTimeout: 15_000 });
  const tally: LoadTally = { sent: 0, answered: new Map(), lost: new Map(), refused: 0, cut: 0, latency: createHistogram() };
  const cycle = Math.floor(options.known / 4) * 5;
  // Position p of the cycle: every fifth an unknown customer, the other four the known ones in turn.
  const customer = (p: number): number => (p % 5 === 4 ? options.known + Math.floor(p / 5) : Math.floor(p / 5) * 4 + (p % 5));
  let next = 0;
  let stopped = false;
  let draining = false;
  let held: { waiting: number; all: () => void; release: Promise<void> } | undefined;
  let release = (): void => {};

  const one = async (): Promise<'continue' | 'stop'> => {
    const body = JSON.stringify({ callNum: options.phone(customer(next++ % cycle)), nation: 'korea' });
    const { authorization, timestamp } = signRequest({ key: options.key, body });
    const headers = { 'content-type': 'application/json', authorization, 'x-tc-timestamp': timestamp };
    tally.sent++;
    const started = performance.now();
    try {
      const res = await pool.request({ path: pathname, method: 'POST', headers, body });
      const text = await res.body.text();
      tally.latency.record(Math.max(1, Math.round((performance.now() - started) * 1000)));
      bump(tally.answered, res.statusCode === 200 ? '200' : `${res.statusCode} ${errorCode(text)}`);
      return draining && res.headers.connection === 'close' ? 'stop' : 'continue';
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      if (code === 'ECONNREFUSED' && draining) tally.cut++;
      else if (code === 'ECONNREFUSED') tally.refused++;
      else bump(tally.lost, `${code ?? 'error'} (${message ?? String(error)})`);
      if (draining) return 'stop';
      // The server is gone or going: do not spin on a closed port.
      await new Promise((r) => setTimeout(r, 20));
      return 'continue';
    }
  };
  const worker = async (): Promise<void> => {
    while (!stopped && tally.sent < options.maxRequests) {
      if (held !== undefined) {
        if (++held.waiting === options.connections) held.all();
        await held.release;
      }
      if ((await one()) === 'stop') return;
    }
  };
  const done = Promise.all(Array.from({ length: options.connections }, worker)).then(() => pool.destroy());
  return {
    tally,
    hold() {
      return new Promise<void>((all) => {
        held = { waiting: 0, all, release: new Promise<void>((r) => (release = r)) };
      });
    },
    drain() {
      draining = true;
      held = undefined;
      release();
    },
    async stop() {
      stopped = true;
      held = undefined;
      release();
      await done;
    },
    done,
  };
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function errorCode(text: string): string {
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : 'NO_ERROR_CODE';
  } catch {
    return 'NOT_JSON';
  }
}
