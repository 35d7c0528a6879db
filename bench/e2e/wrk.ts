import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIR, KEY, POOL, ROWS } from './knobs.js';
import { output, type Load, type LoadOptions } from './load.js';
import { signedLookups } from './signed.js';
import { parseWrkDone, wrkScript } from './wrk-script.js';

/**
 * wrk (C, epoll: it loads the server harder than autocannon) with the Lua script cycling through
 * the signed lookups, written fresh before each invocation so the timestamps stay in the window.
 * The last measured run's full output (--latency) is kept in data/bench/wrk.txt.
 *
 * @example
 * const load = await runWrk({ url, connections: 50, seconds: 10, warmupSeconds: 2, pin: ['taskset', '-c', '1'], threads: 1 });
 */
export async function runWrk(options: LoadOptions): Promise<Load> {
  const script = join(DIR, 'lookups.lua');
  const run = async (seconds: number) => {
    writeFileSync(script, wrkScript(signedLookups({ size: POOL, rows: ROWS, key: KEY })));
    const { url, connections, pin, threads } = options;
    return output([...pin, 'wrk', `-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url]);
  };
  const warm = parseWrkDone(await run(options.warmupSeconds));
  const text = await run(options.seconds);
  writeFileSync(join(DIR, 'wrk.txt'), text);
  const done = parseWrkDone(text);
  return {
    rps: done.requests / (done.durationUs / 1e6),
    p50: done.p50Us / 1000,
    p99: done.p99Us / 1000,
    non2xx: done.non2xx + warm.non2xx,
    errors: done.errors + warm.errors,
    total: done.requests + warm.requests,
  };
}

/**
 * Throws a message saying what to install when wrk is not on the PATH.
 *
 * @example
 * checkWrk();
 */
export function checkWrk(): void {
  if (spawnSync('wrk', ['-v'], { stdio: 'ignore' }).error !== undefined) {
    throw new Error('wrk is not installed: apt-get install wrk (the e2e bench loads with wrk as well as autocannon)');
  }
}
