/**
 * What the endpoint below knows of `serve --workers`, which the cluster (above it) implements: the
 * view of every worker that `/metrics` and `/readyz` answer for, and the worker's slot.
 */

/** What `/metrics` and `/readyz` answer for in a worker: every worker, through the primary. */
export interface ClusterView {
  /** The Prometheus text summed over every worker that answers within a second (one hung is left out). */
  metrics(): Promise<string>;
  /** Resolves when every worker is listening and ready; rejects with the first reason otherwise. */
  ready(): Promise<void>;
}

/**
 * The worker's slot, `1`..`N`, in the environment of each `serve --workers` worker; a worker
 * started in place of a dead one takes its slot, so its audit chain (`<host>-w<N>`) continues.
 */
export const WORKER_INDEX_ENV = 'CUSTLINK_WORKER_INDEX';
