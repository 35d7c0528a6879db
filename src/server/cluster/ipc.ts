import type { MetricObjectWithValues, MetricValue } from 'prom-client';

/* The messages between the `serve --workers` primary and its workers, and the request/answer
 * bookkeeping both sides use. Every message carries a `custlink` tag, so node:cluster's and
 * prom-client's own messages on the same channel pass by. */

/**
 * Set to `1` in the environment of the first worker the primary forks at start, and of no other:
 * that one worker runs the start's stored-form check (`EndpointOptions.checkStoredForm`), which
 * N workers would otherwise each run on the same database.
 */
export const CHECK_STORED_FORM_ENV = 'CUSTLINK_CHECK_STORED_FORM';

/** What one worker reports about itself when the primary collects. */
export interface Collected {
  /** `registry.getMetricsAsJSON()` of the endpoint answering now. */
  metrics: MetricObjectWithValues<MetricValue<string>>[];
  /** `null` when ready (or not asked: a metrics collect skips the readiness check), else why not. */
  notReady: string | null;
}

/** How often a worker tells the primary its event loop still turns. */
export const HEARTBEAT_MS = 1_000;

export type ToPrimary =
  | { custlink: 'heartbeat' }
  | { custlink: 'listening'; url: string }
  | { custlink: 'ask'; id: number; what: 'metrics' | 'ready' }
  | ({ custlink: 'collected'; id: number } & Collected);

export type ToWorker =
  | { custlink: 'answer'; id: number; text?: string; error?: string }
  | { custlink: 'collect'; id: number; what: 'metrics' | 'ready' }
  | { custlink: 'stop' };

/**
 * Whether a message on the IPC channel is one of ours.
 *
 * @example
 * process.on('message', (m) => { if (isOurs<ToWorker>(m) && m.custlink === 'stop') stop(); });
 */
export function isOurs<T extends { custlink: string }>(message: unknown): message is T {
  return typeof message === 'object' && message !== null && typeof (message as { custlink?: unknown }).custlink === 'string';
}

/**
 * Requests awaiting an answer by id, each settled by its answer or, after `timeoutMs`, by the
 * fallback: a peer that died or hangs costs one answer, never a request that waits forever.
 *
 * @example
 * const pending = createPending<string>();
 * const { id, answer } = pending.open(1000, 'timed out');
 * worker.send({ custlink: 'collect', id });
 * // on the reply: pending.settle(reply.id, reply.text)
 */
export function createPending<T>(): { open(timeoutMs: number, fallback: T): { id: number; answer: Promise<T> }; settle(id: number, value: T): void } {
  const waiting = new Map<number, (value: T) => void>();
  let next = 0;
  return {
    open(timeoutMs, fallback) {
      const id = next++;
      const answer = new Promise<T>((resolve) => {
        const timer = setTimeout(() => settle(fallback), timeoutMs);
        const settle = (value: T): void => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(value);
        };
        waiting.set(id, settle);
      });
      return { id, answer };
    },
    settle(id, value) {
      waiting.get(id)?.(value);
    },
  };
}

