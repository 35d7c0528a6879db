import type { Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { createPending, type Collected, type ToPrimary, type ToWorker } from './ipc.js';

type Ask = Extract<ToPrimary, { custlink: 'ask' }>;
type Reply = { text?: string; error?: string };

export interface AnswersOptions {
  /** How many workers the primary runs: `/readyz` fails until that many listen. */
  workers: number;
  /** The workers listening now, the ones asked. */
  listening: ReadonlyMap<Worker, number>;
  /** The source timeout of the config serving now: each worker's readiness check may take it. */
  timeoutMs(): number;
  /** The primary's own metrics, added to the workers' sum. */
  registry: Registry;
}

/** How long `/metrics` waits for a worker's share: a hung one is left out, the scrape still answered. */
const METRICS_COLLECT_MS = 1_000;

/** The primary's side of `/metrics` and `/readyz` in a worker. */
export interface Answers {
  /** Collects from every listening worker and sends the asking worker the answer. */
  ask(worker: Worker, message: Ask): void;
  /** Hands a worker's report to the collect waiting for it. */
  collected(message: Extract<ToPrimary, { custlink: 'collected' }>): void;
}

/**
 * Answers a worker's `/metrics` and `/readyz` for the whole cluster: a worker alone knows only
 * its own share of the connections, so the primary asks each one and answers with the sum of
 * their metrics, or ready only when every worker listens and is ready. A worker that does not
 * report in time fails `/readyz`; `/metrics` leaves its share out after `METRICS_COLLECT_MS`, so
 * a hung worker (until the heartbeat replaces it) does not hang every scrape with it.
 *
 * @example
 * const answers = createAnswers({ workers, listening, timeoutMs: () => timeoutMs, registry: createClusterMetrics().registry });
 * if (message.custlink === 'ask') answers.ask(worker, message);
 * if (message.custlink === 'collected') answers.collected(message);
 */
export function createAnswers(options: AnswersOptions): Answers {
  const { workers, listening } = options;
  const pending = createPending<Collected | null>();

  const collect = (what: Ask['what'], timeoutMs: number): Promise<Array<Collected | null>> =>
    Promise.all(
      [...listening.keys()].map((worker) => {
        const { id, answer } = pending.open(timeoutMs, null);
        worker.send({ custlink: 'collect', id, what } satisfies ToWorker);
        return answer;
      }),
    );
  const answer = async (what: Ask['what']): Promise<Reply> => {
    if (what === 'ready' && listening.size < workers) return { error: `${listening.size} of ${workers} workers are listening` };
    const timeoutMs = what === 'ready' ? options.timeoutMs() + 500 : METRICS_COLLECT_MS;
    const reports = await collect(what, timeoutMs);
    const ok = reports.filter((r) => r !== null);
    if (what === 'ready') {
      const silent = reports.length - ok.length;
      if (silent > 0) return { error: `${silent} worker(s) did not answer within ${timeoutMs} ms` };
      const notReady = ok.find((r) => r.notReady !== null)?.notReady;
      return notReady === undefined ? {} : { error: `a worker is not ready: ${notReady}` };
    }
    const own = await options.registry.getMetricsAsJSON();
    return { text: await AggregatorRegistry.aggregate([...ok.map((r) => r.metrics), own]).metrics() };
  };

  return {
    ask(worker, message) {
      void answer(message.what).then((reply) => {
        if (worker.isConnected()) worker.send({ custlink: 'answer', id: message.id, ...reply } satisfies ToWorker);
      });
    },
    collected(message) {
      pending.settle(message.id, message);
    },
  };
}
