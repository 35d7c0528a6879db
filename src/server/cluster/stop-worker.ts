import type { Worker } from 'node:cluster';
import type { ToWorker } from './ipc.js';

/** A worker still running this long after "stop" (its drain is 10 s) is killed. */
const KILL_AFTER_MS = 15_000;

/**
 * Asks a worker to drain and resolves once it exited. "stop" goes over IPC rather than as
 * SIGTERM so the worker drains like a single `serve` does; one whose channel is gone gets
 * SIGTERM, and one that hangs past its drain gets SIGKILL, so the primary's exit never waits
 * on a stuck worker.
 *
 * @example
 * import cluster from 'node:cluster';
 * await Promise.all(Object.values(cluster.workers ?? {}).map((worker) => worker && stopWorker(worker)));
 */
export function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => worker.process.kill('SIGKILL'), KILL_AFTER_MS);
    worker.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (worker.isConnected()) worker.send({ custlink: 'stop' } satisfies ToWorker);
    else worker.process.kill('SIGTERM');
  });
}
