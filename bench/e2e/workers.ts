import { cpus } from 'node:os';
import { ROUNDS } from './knobs.js';
import { measure, type Load } from './load.js';
import { formatWorkers } from './report.js';
import { startCustlink } from './servers.js';
import { runWrk } from './wrk.js';

const WORKERS = [1, 2];

/**
 * `serve --workers 1` and `2` under wrk, alternating round by round, nothing pinned: the
 * workers and wrk's two threads share the same cores, as issue 12 asks for this 2-core machine.
 *
 * @example
 * for (const line of await compareWorkers('data/bench/custlink.bench.yaml')) console.log(line);
 */
export async function compareWorkers(config: string): Promise<string[]> {
  const servers = await Promise.all(WORKERS.map((workers) => startCustlink({ config, pin: [], workers })));
  try {
    const loads: Record<number, Load[]> = Object.fromEntries(WORKERS.map((n) => [n, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, n] of WORKERS.entries()) loads[n]!.push((await measure(runWrk, servers[i]!, { pin: [], threads: 2 })).load);
    }
    return [`  --workers, server and wrk -t2 unpinned on the same ${cpus().length} CPUs, median of ${ROUNDS} round(s):`, ...formatWorkers(loads)];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
