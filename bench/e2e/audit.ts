import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDemoDatabase } from '../../src/demo/database.js';
import { chainLine, GENESIS } from '../../src/server/audit/format.js';
import { createTableSql } from '../../src/server/audit/postgres-table.js';
import { readTail } from '../../src/server/audit/tail.js';
import { fmt, median } from '../measure.js';
import { BIN, DIR, PROFILE, ROUNDS, ROWS } from './knobs.js';
import { measure, type Load } from './load.js';
import { pinning } from './pinning.js';
import { summariseProfile } from './profile.js';
import { inProcessCost } from './ceiling.js';
import { profileDir, startCustlink, type Started } from './servers.js';
import { writeConfig } from './setup.js';
import { checkWrk, runWrk } from './wrk.js';

/** Issue 20's target: `serve` with audit on keeps this share of its throughput with audit off. */
export const AUDIT_TARGET = 0.9;
const AUDIT_KEY = 'bench-audit-key-0123456789abcdef0123456789';

/** With it, also the shared PostgreSQL table (`audit.postgres`), in a table the bench creates and drops. */
const POSTGRES_URL = process.env.BENCH_AUDIT_POSTGRES_URL;
const POSTGRES_TABLE = `custlink_audit_bench_${process.pid}`;

const VARIANTS: readonly { name: string; audit: string | undefined }[] = [
  { name: 'custlink', audit: undefined },
  { name: 'audit', audit: "fsync: 'off'" },
  { name: 'audit-fsync', audit: 'fsync: 1000' },
  ...(POSTGRES_URL === undefined ? [] : [{ name: 'audit-postgres', audit: `postgres: { url: ${JSON.stringify(POSTGRES_URL)}, table: ${POSTGRES_TABLE} }` }]),
];

/**
 * The audit bench alone, on the e2e bench's demo data and config (`npx tsx bench/index.ts audit`;
 * BENCH_ROWS, BENCH_SECONDS, BENCH_ROUNDS as for e2e).
 *
 * @example
 * await run();
 */
export async function run(): Promise<void> {
  if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: npm run build first (npm run bench does)');
  checkWrk();
  mkdirSync(DIR, { recursive: true });
  const db = ensureDemoDatabase({ file: join(DIR, 'demo.sqlite'), rows: ROWS });
  const config = await writeConfig(db.file, db.rows, undefined);
  const pin = pinning();
  console.log(pin.note);
  for (const line of await compareAudit(config, pin)) console.log(line);
  for (const line of compareTail()) console.log(line);
}

/**
 * A writer reading its day file back must cost at most this many times reading the file's bytes:
 * finding each newline and matching each line's first bytes is a few passes over them, where
 * decoding and splitting the whole file (before) cost 250 times.
 */
export const TAIL_TARGET = 5;
const TAIL_RECORDS = 200_000;

/**
 * What a writer pays, on the event loop, to continue a day file of 200,000 records (at start, and
 * when it reopens the file after a failed write): `readTail` against the limit, reading the same
 * bytes in the same 1 MiB chunks and doing nothing with them; the median of 7 runs, alternating.
 *
 * @example
 * for (const line of compareTail()) console.log(line);
 */
export function compareTail(): string[] {
  const dir = mkdtempSync(join(DIR, 'tail-'));
  try {
    const file = join(dir, 'audit-2026-12-07.bench.jsonl');
    writeDay(file);
    const raw: number[] = [];
    const tail: number[] = [];
    for (let i = 0; i < 7; i++) {
      raw.push(time(() => readBytes(file)));
      tail.push(time(() => readTail(file)));
    }
    const ratio = median(tail) / median(raw);
    const mb = (statSync(file).size / 1e6).toFixed(0);
    return [
      `  continuing a day file of ${fmt(TAIL_RECORDS)} records (${mb} MB), median of 7:`,
      `    reading its bytes ${median(raw).toFixed(1)} ms (the limit), readTail ${median(tail).toFixed(1)} ms: ${ratio.toFixed(2)}x (target <= ${TAIL_TARGET})${ratio <= TAIL_TARGET ? '' : ' MISSED'}`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A day file as a writer leaves it; its lines are garbage before anything is timed. */
function writeDay(file: string): void {
  let prev = GENESIS;
  const lines: string[] = [];
  const items = ['userName', 'id', 'email', 'userNo', 'userId', 'gameCode', 'cashReal', 'cashBonus', 'cashTotal'];
  for (let seq = 1; seq <= TAIL_RECORDS + 1; seq++) {
    const { line, hash } = chainLine(
      seq === 1
        ? { v: 1, type: 'open', seq, ts: '2026-12-07T00:00:00.050+09:00', writer: 'bench', file: 'audit-2026-12-07.bench.jsonl', prevFile: null }
        : { v: 1, type: 'lookup', seq, ts: '2026-12-07T13:05:01.123+09:00', reqId: `r${seq}`, api: 'default', ip: '10.0.0.7', keyFp: 'abcd1234', agent: null, task: 'lookup', status: 200, code: 'OK', found: true, items, subjects: { callNum: 'a'.repeat(64), nation: 'b'.repeat(64) } },
      prev,
    );
    lines.push(line);
    prev = hash;
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function readBytes(file: string): void {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  try {
    for (let at = 0, read = 1; read > 0; at += read) read = readSync(fd, buffer, 0, buffer.length, at);
  } finally {
    closeSync(fd);
  }
}

function time(f: () => unknown): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

/**
 * `custlink serve` with the access records off, on (write(2) per event-loop turn), and on with an
 * fdatasync every second, each writing to a temp directory of its own; pinned as the main run,
 * measured by wrk alternating round by round; the medians and the ratio of each to audit off.
 *
 * @example
 * for (const line of await compareAudit('data/bench/custlink.bench.yaml', pin)) console.log(line);
 */
export async function compareAudit(config: string, pin: { server: readonly string[]; generator: readonly string[] }): Promise<string[]> {
  const dir = mkdtempSync(join(DIR, 'audit-'));
  const servers: Started[] = [];
  const loads: Load[][] = VARIANTS.map(() => []);
  const admin = POSTGRES_URL === undefined ? undefined : new pg.Client({ connectionString: POSTGRES_URL });
  await admin?.connect();
  await admin?.query(createTableSql(POSTGRES_TABLE));
  try {
    for (const variant of VARIANTS) {
      let file = config;
      if (variant.audit !== undefined) {
        // Beside the original: its relative paths (the database) still hold.
        file = config.replace(/\.bench\.yaml$/, `.${variant.name}.yaml`);
        writeFileSync(file, `${readFileSync(config, 'utf8')}\naudit: { dir: ${JSON.stringify(join(dir, variant.name))}, key: ${AUDIT_KEY}, writer: bench, ${variant.audit} }\n`);
      }
      servers.push(await startCustlink({ config: file, pin: pin.server, name: serverName(variant.name) }));
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, server] of servers.entries()) loads[i]!.push((await measure(runWrk, server, { pin: pin.generator, threads: 1 })).load);
    }
    // The record's own cost, without HTTP or wrk: what the ratio above is made of on this host.
    const inProcess = config.replace(/\.bench\.yaml$/, '.audit-in-process.yaml');
    writeFileSync(inProcess, `${readFileSync(config, 'utf8')}\naudit: { dir: ${JSON.stringify(join(dir, 'in-process'))}, key: ${AUDIT_KEY}, writer: in-process, fsync: 'off' }\n`);
    const workOff = await inProcessCost(config, pin.server);
    const workOn = await inProcessCost(inProcess, pin.server);
    const off = median(loads[0]!.map((l) => l.rps));
    const lines = [`  audit (개인정보 접속기록), pinned as above, wrk, median of ${ROUNDS} round(s), alternating:`];
    for (const [i, variant] of VARIANTS.entries()) {
      const rps = median(loads[i]!.map((l) => l.rps));
      const p99 = median(loads[i]!.map((l) => l.p99));
      const bad = loads[i]!.reduce((n, l) => n + l.non2xx + l.errors, 0);
      const label = variant.audit === undefined ? 'audit off' : variant.name === 'audit-postgres' ? 'audit on, postgres' : `audit on, ${variant.audit}`;
      const ratio = i === 0 ? '' : `  ${(rps / off).toFixed(2)} of audit off (target >= ${AUDIT_TARGET})${rps / off >= AUDIT_TARGET ? '' : ' MISSED'}`;
      lines.push(`  wrk        ${label.padEnd(25)} ${fmt(rps).padStart(7)} req/s  p99 ${p99.toFixed(2)} ms${ratio}${bad > 0 ? `  (${bad} non-2xx/errors!)` : ''}`);
    }
    lines.push(
      `  in process (no HTTP, best of 5 passes): ${workOff.toFixed(1)} us of CPU a lookup with audit off, ${workOn.toFixed(1)} with audit on: a record costs ${(workOn - workOff).toFixed(1)} us`,
    );
    return lines;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    if (PROFILE) for (const [i, variant] of VARIANTS.entries()) summariseProfile(profileDir(serverName(variant.name)), loads[i]!.reduce((n, l) => n + l.total, 0));
    rmSync(dir, { recursive: true, force: true });
    await admin?.query(`DROP TABLE IF EXISTS ${POSTGRES_TABLE}`);
    await admin?.end();
  }
}

function serverName(variant: string): string {
  return variant === 'custlink' ? 'custlink-audit-off' : variant;
}
