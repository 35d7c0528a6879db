const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 30_000;
/** A worker that listened this long before dying starts the backoff over. */
const STABLE_MS = 10_000;

/** Starts another worker in place of dead ones, and forgets the ones not started yet. */
export interface Restarts {
  /**
   * Starts another worker after a delay, and returns the delay: twice the last one for each
   * worker in a row that died soon after listening (or before), up to 30 s.
   */
  after(listenedAt: number | undefined): number;
  /** Drops the restarts still waiting: a stopping primary starts nothing more. */
  cancel(): void;
}

/**
 * The restarts of the `serve --workers` primary, with a growing delay so that a worker that
 * cannot start (a database down, a port taken) is not forked again in a tight loop, while one
 * that served a while and then died comes back at once.
 *
 * @example
 * const restarts = createRestarts(() => fork());
 * const delay = restarts.after(listenedAt); // 100, 200, 400 ... 30000 while workers keep dying
 * restarts.cancel(); // on stop
 */
export function createRestarts(fork: () => void): Restarts {
  const timers = new Set<NodeJS.Timeout>();
  let failures = 0;
  return {
    after(listenedAt) {
      if (listenedAt !== undefined && Date.now() - listenedAt > STABLE_MS) failures = 0;
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** failures++);
      const timer = setTimeout(() => {
        timers.delete(timer);
        fork();
      }, delay);
      timers.add(timer);
      return delay;
    },
    cancel() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
