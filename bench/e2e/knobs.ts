import { resolve } from 'node:path';
import type { BenchSqlSource } from '../sql-source.js';

/**
 * The e2e bench's settings, from the environment: BENCH_ROWS (1,000,000), BENCH_SECONDS (10 per
 * measured run), BENCH_ROUNDS (3), BENCH_BIN (dist/cli/bin.js), BENCH_PROFILE=1 (a --cpu-prof of
 * each pinned server; BENCH_TOP=N lines), BENCH_SOURCE=sqlite|postgres|mysql|http.
 */
export const DIR = resolve('data/bench');
export const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const BIN = resolve(process.env.BENCH_BIN ?? 'dist/cli/bin.js');
export const PROFILE = process.env.BENCH_PROFILE === '1';
export const SOURCE = sourceKind(process.env.BENCH_SOURCE ?? 'sqlite');
export const WARMUP_SECONDS = 2;
export const CONNECTIONS = 50;
/** Distinct customers the load cycles through, spread over the whole table. */
export const POOL = 2_000;
export const KEY = 'bf7769e5321448de88838cdb';
/** Issue 12's targets, measured with wrk on SQLite. */
export const TARGET = { ratioToBare: 0.65 };

function sourceKind(value: string): BenchSqlSource | 'sqlite' | 'http' {
  if (value === 'sqlite' || value === 'postgres' || value === 'mysql' || value === 'http') return value;
  throw new Error(`BENCH_SOURCE must be sqlite, postgres, mysql or http; got "${value}"`);
}
