import type { Worker } from 'node:cluster';

/** How often the primary looks for silent workers. */
const CHECK_MS = 250;

export interface HeartbeatOptions {
  /** How long a worker may be silent: `limits.workerHeartbeatTimeoutMs` of the config serving now. */
  timeoutMs(): number;
  /** A worker silent past the timeout, and for how long: called once per worker. */
  onSilent(worker: Worker, silentMs: number): void;
}

export interface Heartbeats {
  /** A worker is listening, or sent its heartbeat since. */
  beat(worker: Worker): void;
  /** A worker exited: no longer watched. */
  forget(worker: Worker): void;
  /** Stops watching (the primary is stopping: a draining worker is not replaced). */
  stop(): void;
}

/**
 * Watches the workers' heartbeats: a worker whose event loop is stuck (a synchronous loop, a
 * deadlocked native call, `kill -STOP`) neither dies nor answers, and node:cluster keeps handing
 * it connections; silent past the timeout, it is reported once so the primary can kill it and
 * start another.
 *
 * @example
 * const heartbeats = watchHeartbeats({ timeoutMs: () => 10_000, onSilent: (worker) => worker.process.kill('SIGKILL') });
 * worker.on('message', (m) => m.custlink === 'heartbeat' && heartbeats.beat(worker));
 */
export function watchHeartbeats(options: HeartbeatOptions): Heartbeats {
  const last = new Map<Worker, number>();
  const timer = setInterval(() => {
    const now = Date.now();
    const timeoutMs = options.timeoutMs();
    for (const [worker, at] of last) {
      if (now - at <= timeoutMs) continue;
      last.delete(worker);
      options.onSilent(worker, now - at);
    }
  }, CHECK_MS).unref();
  return {
    beat: (worker) => void last.set(worker, Date.now()),
    forget: (worker) => void last.delete(worker),
    stop: () => {
      clearInterval(timer);
      last.clear();
    },
  };
}
