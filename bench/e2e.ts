import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { signRequest } from '../src/protocol/sign.js';
import { demoPhone } from '../src/demo/customer.js';
import { ensureDemoDatabase } from '../src/demo/database.js';
import { demoConfigYaml } from '../src/demo/files.js';
import { createRng } from '../src/demo/prng.js';
import { fmt, median } from './measure.js';
import { httpSourceBlock, httpUpstreamScript } from './http-upstream.js';
import { sqlSourceBlock, type BenchSqlSource } from './sql-source.js';

/**
 * End to end: the real server (`node dist/cli/bin.js serve`, logging at `info` to a file, as an
 * operator would run it) over 1,000,000 demo customers, against a bare `node:http` server that
 * reads the body and answers a fixed JSON without verifying anything (the limit). Each runs in
 * its own process; autocannon runs in a third, 50 connections, signed requests cycling through
 * many real customers. Knobs: BENCH_ROWS, BENCH_SECONDS, BENCH_ROUNDS (3), BENCH_BIN (default
 * dist/cli/bin.js), BENCH_PROFILE=1 (a --cpu-prof of both servers, summarised; BENCH_TOP=N lines),
 * BENCH_SOURCE=postgres|mysql (the same customers copied into the test database on this machine)
 * or http (an upstream member API in a fourth process); the targets are SQLite's.
 */
const DIR = resolve('data/bench');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const POOL = 20_000;
const KEY = 'bf7769e5321448de88838cdb';
const BIN = resolve(process.env.BENCH_BIN ?? 'dist/cli/bin.js');
const TARGET = { ratio: 0.6, p99Ms: 5 };
const SOURCE = sourceKind(process.env.BENCH_SOURCE ?? 'sqlite');
const SOURCE_BLOCK = /^source:\n[\s\S]*?(?=^result:)/m;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Requests answered, warm-up included. */
  total: number;
}

export async function run(): Promise<void> {
  if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: npm run build first (npm run bench does)');
  mkdirSync(DIR, { recursive: true });
  const db = ensureDemoDatabase({ file: join(DIR, 'demo.sqlite'), rows: ROWS });
  console.log(
    db.created
      ? `demo data: built ${fmt(db.rows)} customers in ${(db.ms / 1000).toFixed(1)} s (${fmt(db.rows / (db.ms / 1000))} rows/s)`
      : `demo data: reusing ${fmt(db.rows)} customers in ${db.file}`,
  );
  const config = join(DIR, 'custlink.bench.yaml');
  let yaml = demoConfigYaml({ host: '127.0.0.1', port: 0 });
  const upstream = SOURCE === 'http' ? await startChild(['-e', httpUpstreamScript(db.file)], join(DIR, 'upstream.log')) : undefined;
  if (upstream !== undefined) yaml = yaml.replace(SOURCE_BLOCK, httpSourceBlock(upstream.url));
  else if (SOURCE === 'postgres' || SOURCE === 'mysql') yaml = yaml.replace(SOURCE_BLOCK, await sqlSourceBlock(SOURCE, db.file, db.rows));
  writeFileSync(config, yaml);

  const profile = process.env.BENCH_PROFILE === '1';
  const profDir = join(DIR, `prof-${Date.now()}`);
  const prof = (name: string) => (profile ? ['--cpu-prof', '--cpu-prof-dir', join(profDir, name)] : []);
  const custlink = await startChild([...prof('custlink'), BIN, 'serve', '--config', config, '--port', '0'], join(DIR, 'server.log'));
  let bare: Started | undefined;
  const totals = { bare: 0, custlink: 1 };
  try {
    const sample = await firstCall(custlink.url);
    bare = await startChild([...prof('bare'), '-e', bareServer(sample)], join(DIR, 'bare.log'));
    console.log(
      `${CONNECTIONS} connections, ${ROUNDS} round(s) of ${SECONDS} s per server after a 2 s warm-up, alternating; ` +
        `server log at info: ${join(DIR, 'server.log')}; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
    );
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const p99s: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternating keeps a neighbour's burst of load from landing on one server only.
      const bareLoad = await load(bare.url, bare.child);
      const ownLoad = await load(custlink.url, custlink.child);
      totals.bare += bareLoad.load.total;
      totals.custlink += ownLoad.load.total;
      report(`round ${round}: bare node:http`, bareLoad);
      report(`round ${round}: custlink serve${SOURCE === 'sqlite' ? '' : ` (${SOURCE})`}`, ownLoad);
      ratios.push(ownLoad.load.rps / bareLoad.load.rps);
      cpuRatios.push(bareLoad.cpuUsPerRequest / ownLoad.cpuUsPerRequest);
      p99s.push(ownLoad.load.p99);
    }
    const ratio = median(ratios);
    const p99 = median(p99s);
    const verdict = ratio >= TARGET.ratio && p99 < TARGET.p99Ms ? 'meets' : 'BELOW';
    console.log(`  median ratio ${ratio.toFixed(3)} of bare req/s, p99 ${p99} ms (${verdict} target >= ${TARGET.ratio}, p99 < ${TARGET.p99Ms} ms)`);
    console.log(`  median CPU ratio ${median(cpuRatios).toFixed(3)} (bare's CPU per request / custlink's: the req/s ratio on a quiet core)`);
  } finally {
    bare?.child.kill('SIGTERM');
    custlink.child.kill('SIGTERM');
    upstream?.child.kill('SIGTERM');
    await Promise.all([bare?.exited, custlink.exited, upstream?.exited]);
  }
  if (profile) for (const name of ['bare', 'custlink'] as const) summariseProfile(join(profDir, name), totals[name]);
}

function report(name: string, { load: l, rss, cpuUsPerRequest }: Measured): void {
  const bad = l.non2xx + l.errors > 0 ? `  (${l.non2xx} non-2xx, ${l.errors} errors!)` : '';
  console.log(
    `  ${name.padEnd(30)} ${fmt(l.rps).padStart(7)} req/s  p50 ${l.p50} ms  p99 ${l.p99} ms  ` +
      `CPU ${cpuUsPerRequest.toFixed(0)} us/req  RSS ${rss.now} MB (peak ${rss.peak} MB)${bad}`,
  );
}

interface Started {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

/** Starts `node args...` with stdout to `logFile`, and waits for its "listening on URL" line. */
async function startChild(args: string[], logFile: string): Promise<Started> {
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { stdio: ['ignore', out, 'inherit'], env: { ...process.env, CUSTLINK_KEY: KEY } });
  const exited = new Promise((done) => child.once('exit', done));
  for (let i = 0; i < 300; i++) {
    const found = /listening on (http:\/\/\S+)/.exec(readFileSync(logFile, 'utf8'));
    if (found?.[1]) return { child, url: found[1], exited };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${args.join(' ')} did not start; see ${logFile}`);
}

async function firstCall(url: string): Promise<string> {
  const { body, headers } = signedPool(1)[0]!;
  const res = await fetch(url, { method: 'POST', body, headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`the server answered ${res.status} to a real customer: ${text}`);
  return text;
}

/** Real customers spread over the whole table, signed now (valid for the 5-minute window). */
function signedPool(size: number): Array<{ body: string; headers: Record<string, string> }> {
  const rng = createRng(99);
  return Array.from({ length: size }, () => {
    const body = JSON.stringify({ callNum: demoPhone(Math.floor(rng() * ROWS)), nation: 'korea' });
    const { authorization, timestamp } = signRequest({ key: KEY, body });
    return { body, headers: { 'content-type': 'application/json', authorization, 'x-tc-timestamp': timestamp } };
  });
}

/** The limit: reads the body as any endpoint must, answers custlink's own response bytes. */
function bareServer(body: string): string {
  return `const http = require('node:http');
const body = ${JSON.stringify(body)};
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) };
const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  req.on('data', () => {});
  req.on('end', () => { res.writeHead(200, headers); res.end(body); });
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port + '/'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));`;
}

/** autocannon in its own process: a 2 s warm-up, then the measured run. */
interface Measured {
  load: Load;
  rss: Rss;
  cpuUsPerRequest: number;
}

async function load(url: string, server: ChildProcess): Promise<Measured> {
  const poolFile = join(DIR, 'pool.json');
  writeFileSync(poolFile, JSON.stringify(signedPool(POOL)));
  const script = `const autocannon = require('autocannon');
const pool = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(poolFile)}, 'utf8'));
let i = 0;
const requests = [{ method: 'POST', setupRequest: (req) => { const r = pool[i++ % pool.length]; return { ...req, method: 'POST', headers: r.headers, body: r.body }; } }];
const opts = { url: ${JSON.stringify(url)}, connections: ${CONNECTIONS}, requests };
autocannon({ ...opts, duration: 2 }).then((w) => autocannon({ ...opts, duration: ${SECONDS} }).then((r) => {
  process.stdout.write(JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + w.non2xx, errors: r.errors + r.timeouts, total: r.requests.total + w.requests.total }));
}));`;
  const cpuBefore = cpuMsOf(server.pid!);
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
  await new Promise((done) => child.once('exit', done));
  const result = JSON.parse(out) as Load;
  const cpuUsPerRequest = ((cpuMsOf(server.pid!) - cpuBefore) * 1000) / result.total;
  return { load: result, rss: rssOf(server.pid!), cpuUsPerRequest };
}

/**
 * CPU time (user + system) a process has used, in ms: per request, it is the cost that does not
 * depend on what else the machine is running, unlike req/s on a shared box.
 */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks of 10 ms (CLK_TCK 100).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Rss {
  now: number;
  peak: number;
}

/** Resident memory of a process from /proc (Linux), in MB: now and the high-water mark. */
function rssOf(pid: number): Rss {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { now: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** Self time per function in a server's CPU profile, idle left out, as microseconds per request. */
function summariseProfile(dir: string, requests: number): void {
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
  if (!file) return console.log(`  no profile written in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    startTime: number;
    endTime: number;
    nodes: Array<{ hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  };
  const hits = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
  const usPerHit = (profile.endTime - profile.startTime) / hits;
  const self = new Map<string, number>();
  for (const { hitCount = 0, callFrame: f } of profile.nodes) {
    if (f.functionName === '(idle)') continue;
    const where = f.url ? ` ${f.url.replace(/^.*\/(node_modules|dist|internal)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const name = `${f.functionName || '(anonymous)'}${where}`;
    self.set(name, (self.get(name) ?? 0) + hitCount);
  }
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`  ${basename(dir)}: ${((busy * usPerHit) / requests).toFixed(1)} us of CPU per request (profile ${join(dir, file)}); self time, top ${process.env.BENCH_TOP ?? 20}:`);
  for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_TOP ?? 20))) {
    console.log(`    ${((n * usPerHit) / requests).toFixed(1).padStart(6)} us  ${((n / busy) * 100).toFixed(1).padStart(5)} %  ${name}`);
  }
}

function sourceKind(value: string): BenchSqlSource | 'sqlite' | 'http' {
  if (value === 'sqlite' || value === 'postgres' || value === 'mysql' || value === 'http') return value;
  throw new Error(`BENCH_SOURCE must be sqlite, postgres, mysql or http; got "${value}"`);
}
