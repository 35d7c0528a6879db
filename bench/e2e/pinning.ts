import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Command prefixes that keep the server and the load generator off each other's core. */
export interface Pinning {
  server: readonly string[];
  generator: readonly string[];
  /** One line for the report: how they were pinned, or why not. */
  note: string;
}

/**
 * `taskset -c 0` for the server and `-c 1` for the generator when util-linux's taskset is there
 * and this process may use both cores; otherwise no prefix, and the note says so (the figures
 * then include the two fighting over the same cores).
 *
 * @example
 * const pin = pinning();
 * spawn(pin.server[0] ?? process.execPath, [...pin.server.slice(1), process.execPath, ...args]);
 */
export function pinning(): Pinning {
  const unpinned = (why: string): Pinning => ({ server: [], generator: [], note: `NOT pinned (${why}): server and generator share every core` });
  if (availableParallelism() < 2) return unpinned(`${availableParallelism()} core available`);
  const probe = spawnSync('taskset', ['-c', '0,1', 'true'], { stdio: 'ignore' });
  if (probe.error !== undefined) return unpinned('taskset not found: install util-linux');
  if (probe.status !== 0) return unpinned('taskset -c 0,1 refused: cores 0 and 1 are not both allowed here');
  return { server: ['taskset', '-c', '0'], generator: ['taskset', '-c', '1'], note: 'server pinned to core 0 (taskset -c 0), generator to core 1' };
}
