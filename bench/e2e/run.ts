import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureDemoDatabase } from '../../src/demo/database.js';
import { demoConfigYaml } from '../../src/demo/files.js';
import { httpSourceBlock, httpUpstreamScript } from '../http-upstream.js';
import { fmt } from '../measure.js';
import { cpuMsOf, rssOf } from '../proc.js';
import { sqlSourceBlock } from '../sql-source.js';
import { runAutocannon } from './autocannon.js';
import { BIN, CONNECTIONS, DIR, KEY, PROFILE, ROUNDS, ROWS, SECONDS, SOURCE, TARGET, WARMUP_SECONDS } from './knobs.js';
import type { Load, LoadGenerator, LoadOptions } from './load.js';
import { pinning } from './pinning.js';
import { summariseProfile } from './profile.js';
import { formatRun, formatWorkers, GENERATORS, SERVERS, summarise, type Measured, type Round, type ServerName } from './report.js';
import { signedLookups } from './signed.js';
import { profileDir, startBare, startCustlink, startFastify, startNode, type Started } from './servers.js';
import { checkWrk, runWrk } from './wrk.js';

/**
 * End to end, in one run: bare `node:http` (the limit), the real `custlink serve` and a
 * hand-written Fastify + better-sqlite3 endpoint over the same 1,000,000 demo customers, each
 * loaded by wrk and by autocannon (50 connections, signed lookups cycling through 2,000 real
 * customers), server and generator pinned to different cores; then `serve --workers 1` and `2`
 * unpinned. Knobs in knobs.ts; the targets are SQLite's.
 */
const SOURCE_BLOCK = /^source:\n[\s\S]*?(?=^result:)/m;
const GENERATOR: Record<(typeof GENERATORS)[number], LoadGenerator> = { wrk: runWrk, autocannon: runAutocannon };
/** Lookups whose answers must be the same from every server before anything is measured. */
const SAME_ANSWERS = 20;

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
  const running: Started[] = [];
  const start = async (starting: Promise<Started>) => {
    const server = await starting;
    running.push(server);
    return server;
  };
  const totals: Record<ServerName, number> = { bare: 0, custlink: 0, fastify: 0 };
  try {
    const upstream = SOURCE === 'http' ? await start(startNode('upstream', ['-e', httpUpstreamScript(db.file)], [])) : undefined;
    const config = await writeConfig(db.file, db.rows, upstream?.url);
    const custlink = await start(startCustlink({ config, pin: pin.server }));
    const fastify = await start(startFastify({ database: db.file, pin: pin.server }));
    const answers = await sameAnswers(custlink.url, fastify.url);
    const bare = await start(startBare({ body: answers[0]!, pin: pin.server }));
    const servers: Record<ServerName, Started> = { bare, custlink, fastify };
    console.log(
      `${CONNECTIONS} connections, ${ROUNDS} round(s) of ${SECONDS} s per server and generator after a ${WARMUP_SECONDS} s warm-up, alternating; ` +
        `custlink${SOURCE === 'sqlite' ? '' : ` on ${SOURCE}`} logs at info to ${join(DIR, 'custlink.log')}; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs; ${pin.note}`,
    );
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`  round ${round}:`);
      const measured = {} as Round;
      for (const g of GENERATORS) {
        measured[g] = {} as Round[typeof g];
        // Alternating keeps a neighbour's burst of load from landing on one server only.
        for (const s of SERVERS) {
          measured[g][s] = await measure(GENERATOR[g], servers[s], { generator: pin.generator, threads: 1 });
          totals[s] += measured[g][s].load.total;
          console.log(formatRun(g, s, measured[g][s], measured[g].bare.load.rps));
        }
      }
      rounds.push(measured);
    }
    for (const line of summarise(rounds, TARGET)) console.log(line);
    if (SOURCE !== 'sqlite') console.log(`  (the targets are SQLite's; custlink read ${SOURCE} here, Fastify SQLite)`);
    await Promise.all(running.splice(0).map((s) => s.stop()));
    await compareWorkers(config);
  } finally {
    await Promise.all(running.map((s) => s.stop()));
  }
  if (PROFILE) for (const name of SERVERS) summariseProfile(profileDir(name), totals[name]);
}

/**
 * `serve --workers 1` and `2`, nothing pinned: on this machine the workers and wrk (2 threads)
 * share the same cores, as they would on a box without a separate load balancer.
 */
async function compareWorkers(config: string): Promise<void> {
  const workers = [1, 2];
  const servers = await Promise.all(workers.map((n) => startCustlink({ config, pin: [], workers: n })));
  try {
    console.log(`  --workers, server and wrk -t2 unpinned on the same ${cpus().length} CPUs:`);
    const loads: Record<number, Load[]> = { 1: [], 2: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, n] of workers.entries()) loads[n]!.push((await measure(runWrk, servers[i]!, { generator: [], threads: 2 })).load);
    }
    for (const line of formatWorkers(loads)) console.log(line);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function measure(generator: LoadGenerator, server: Started, { generator: pin, threads }: { generator: readonly string[]; threads: number }): Promise<Measured> {
  const options: LoadOptions = { url: server.url, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, pin, threads };
  const cpuBefore = cpuMsOf(server.pid);
  const load = await generator(options);
  return { load, cpuUsPerRequest: ((cpuMsOf(server.pid) - cpuBefore) * 1000) / load.total, rss: rssOf(server.pid) };
}

/** custlink's answers, after checking the Fastify endpoint gives the very same bytes for them. */
async function sameAnswers(custlinkUrl: string, fastifyUrl: string): Promise<string[]> {
  const lookups = signedLookups({ size: SAME_ANSWERS, rows: ROWS, key: KEY });
  const answer = async (url: string, { body, headers }: (typeof lookups)[number]) => {
    const res = await fetch(url, { method: 'POST', body, headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status} to a real customer: ${text}`);
    return text;
  };
  const ours = await Promise.all(lookups.map((l) => answer(custlinkUrl, l)));
  const theirs = await Promise.all(lookups.map((l) => answer(fastifyUrl, l)));
  const differs = ours.findIndex((text, i) => text !== theirs[i]);
  if (differs >= 0) throw new Error(`the Fastify endpoint answers differently from custlink:\n  ${theirs[differs]}\n  ${ours[differs]}`);
  return ours;
}

async function writeConfig(database: string, rows: number, upstreamUrl: string | undefined): Promise<string> {
  const config = join(DIR, 'custlink.bench.yaml');
  let yaml = demoConfigYaml({ host: '127.0.0.1', port: 0 });
  if (upstreamUrl !== undefined) yaml = yaml.replace(SOURCE_BLOCK, httpSourceBlock(upstreamUrl));
  else if (SOURCE === 'postgres' || SOURCE === 'mysql') yaml = yaml.replace(SOURCE_BLOCK, await sqlSourceBlock(SOURCE, database, rows));
  writeFileSync(config, yaml);
  return config;
}
