import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureDemoDatabase } from '../../src/demo/database.js';
import { httpUpstreamScript } from '../http-upstream.js';
import { fmt } from '../measure.js';
import { runAutocannon } from './autocannon.js';
import { ceilingLines, inProcessCost } from './ceiling.js';
import { BIN, CONNECTIONS, DIR, PROFILE, ROUNDS, ROWS, SECONDS, SOURCE, TARGET, WARMUP_SECONDS } from './knobs.js';
import { measure, type LoadGenerator } from './load.js';
import { pinning } from './pinning.js';
import { summariseProfile } from './profile.js';
import { formatRun, GENERATORS, SERVERS, summarise, type GeneratorName, type Round, type ServerName } from './report.js';
import { profileDir, startBare, startCustlink, startFastify, startNode, type Started } from './servers.js';
import { sameAnswers, tunedConfig, writeConfig } from './setup.js';
import { compareWorkers } from './workers.js';
import { checkWrk, runWrk } from './wrk.js';

const GENERATOR: Record<GeneratorName, LoadGenerator> = { wrk: runWrk, autocannon: runAutocannon };

/**
 * End to end, in one run: bare `node:http` (the limit), the real `custlink serve` (as the demo
 * config runs it, and with a memory cache and `log.level: warn`, the setup docs/scaling.md
 * recommends under heavy load) and a hand-written Fastify + better-sqlite3 endpoint over the same 1,000,000 demo customers, each
 * loaded by wrk and by autocannon (50 connections, signed lookups cycling through 2,000 real
 * customers), server and generator pinned to different cores; then `serve --workers 1` and `2`
 * unpinned; and the ceiling the work itself sets on the ratio to bare (ceiling.ts). Knobs in
 * knobs.ts; the targets are SQLite's.
 *
 * @example
 * await run(); // npx tsx bench/index.ts e2e
 */
export async function run(): Promise<void> {
  if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: npm run build first (npm run bench does)');
  checkWrk();
  mkdirSync(DIR, { recursive: true });
  const db = ensureDemoDatabase({ file: join(DIR, 'demo.sqlite'), rows: ROWS });
  console.log(
    db.created
      ? `demo data: built ${fmt(db.rows)} customers in ${(db.ms / 1000).toFixed(1)} s (${fmt(db.rows / (db.ms / 1000))} rows/s)`
      : `demo data: reusing ${fmt(db.rows)} customers in ${db.file}`,
  );
  const pin = pinning();
  const upstream = SOURCE === 'http' ? await startNode('upstream', ['-e', httpUpstreamScript(db.file)], []) : undefined;
  const pinned: Partial<Record<ServerName, Started>> = {};
  const totals: Record<ServerName, number> = { bare: 0, custlink: 0, tuned: 0, fastify: 0 };
  const stopPinned = () => Promise.all(Object.values(pinned).map((s) => s.stop()));
  try {
    const config = await writeConfig(db.file, db.rows, upstream?.url);
    pinned.custlink = await startCustlink({ config, pin: pin.server });
    pinned.tuned = await startCustlink({ config: tunedConfig(config), pin: pin.server, name: 'tuned' });
    pinned.fastify = await startFastify({ database: db.file, pin: pin.server });
    const [sample] = await sameAnswers(pinned.custlink.url, pinned.fastify.url);
    pinned.bare = await startBare({ body: sample!, pin: pin.server });
    const servers = pinned as Record<ServerName, Started>;
    console.log(
      `${CONNECTIONS} connections, ${ROUNDS} round(s) of ${SECONDS} s per server and generator after a ${WARMUP_SECONDS} s warm-up, alternating; ` +
        `custlink${SOURCE === 'sqlite' ? '' : ` on ${SOURCE}`} logs at info to ${join(DIR, 'custlink.log')}; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs; ${pin.note}`,
    );
    const rounds: Round[] = [];
    const works: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`  round ${round}:`);
      const measured = {} as Round;
      for (const g of GENERATORS) {
        measured[g] = {} as Round[GeneratorName];
        // Alternating keeps a neighbour's burst of load from landing on one server only.
        for (const s of SERVERS) {
          measured[g][s] = await measure(GENERATOR[g], servers[s], { pin: pin.generator, threads: 1 });
          totals[s] += measured[g][s].load.total;
          console.log(formatRun(g, s, measured[g][s], measured[g].bare.load.rps));
        }
      }
      rounds.push(measured);
      // In each round, beside the load runs: this VM's speed drifts by a third over minutes.
      works.push(await inProcessCost(config, pin.server));
    }
    for (const line of summarise(rounds, TARGET)) console.log(line);
    if (SOURCE !== 'sqlite') console.log(`  (the targets are SQLite's; custlink read ${SOURCE} here, Fastify SQLite)`);
    await stopPinned();
    for (const line of ceilingLines(rounds.map((r, i) => ({ bareUs: r.wrk.bare.cpuUsPerRequest, workUs: works[i]!, ratio: r.wrk.custlink.load.rps / r.wrk.bare.load.rps })))) {
      console.log(line);
    }
    for (const line of await compareWorkers(config)) console.log(line);
  } finally {
    await stopPinned();
    await upstream?.stop();
  }
  if (PROFILE) for (const name of SERVERS) summariseProfile(profileDir(name), totals[name]);
}
