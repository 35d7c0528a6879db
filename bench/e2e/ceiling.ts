import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../measure.js';
import { BIN, DIR, ROWS } from './knobs.js';

const SCRIPT = fileURLToPath(new URL('./in-process.ts', import.meta.url));

/**
 * CPU microseconds per lookup that the endpoint spends on its own work (signature, lookup items,
 * SQLite, result, masks, metrics, log line) with no HTTP: run in a child pinned like the server.
 *
 * @example
 * const work = await inProcessCost('data/bench/custlink.bench.yaml', ['taskset', '-c', '0']); // 14.5
 */
export async function inProcessCost(config: string, pin: readonly string[]): Promise<number> {
  const serverEntry = resolve(dirname(BIN), '../server/index.js');
  const log = openSync(join(DIR, 'in-process.log'), 'w');
  const [file, ...args] = [...pin, process.execPath, '--import', 'tsx', SCRIPT, serverEntry, config, String(ROWS)];
  const child = spawn(file!, args, { stdio: ['ignore', log, 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (err += t));
  const code = await new Promise((done) => child.once('exit', done));
  const last = err.trim().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`in-process.ts exited ${code}: ${err}`);
  return (JSON.parse(last) as { cpuUsPerRequest: number }).cpuUsPerRequest;
}

/**
 * Why the ratio to bare has a ceiling: custlink on node:http spends at least bare's HTTP cost
 * plus its own work per request, so on one core its req/s cannot pass `bare / (bare + work)` of
 * bare's, however lean its HTTP handling. Lines for the report: medians over rounds, each round's
 * ceiling from its own figures (the VM's speed drifts between rounds), and how close custlink comes.
 *
 * @example
 * ceilingLines([{ bareUs: 19, workUs: 14.5, ratio: 0.42 }])
 */
export function ceilingLines(rounds: readonly { bareUs: number; workUs: number; ratio: number }[]): string[] {
  const bareUs = median(rounds.map((r) => r.bareUs));
  const workUs = median(rounds.map((r) => r.workUs));
  const ceilingOf = (r: (typeof rounds)[number]): number => r.bareUs / (r.bareUs + r.workUs);
  const ceiling = median(rounds.map(ceilingOf));
  const reached = median(rounds.map((r) => r.ratio / ceilingOf(r)));
  return [
    `  ceiling: bare node:http spends ${bareUs.toFixed(1)} us of CPU per request (wrk); custlink's own work without HTTP ` +
      `(signature, items, SQLite, result, masks, metrics, log line) is ${workUs.toFixed(1)} us in process (medians of ${rounds.length} round(s))`,
    `  ceiling: so custlink on node:http cannot pass bare / (bare + work) = ${ceiling.toFixed(3)} of bare on one core here; ` +
      `it reaches ${median(rounds.map((r) => r.ratio)).toFixed(3)}, ${Math.round(100 * reached)}% of that ceiling`,
  ];
}
