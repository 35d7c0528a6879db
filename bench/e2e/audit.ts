import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDemoDatabase } from '../../src/demo/database.js';
import { createTableSql } from '../../src/server/audit/postgres-table.js';
import { fmt, median } from '../measure.js';
import { BIN, DIR, PROFILE, ROUNDS, ROWS } from './knobs.js';
import { measure, type Load } from './load.js';
import { pinning } from './pinning.js';
import { summariseProfile } from './profile.js';
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
