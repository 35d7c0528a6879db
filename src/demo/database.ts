import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { makeCustomer, MAX_CUSTOMERS } from './customer.js';

/** Bumped whenever the table or the generator changes, so an old file is rebuilt, not reused. */
const DEMO_SCHEMA_VERSION = 1;
const DEFAULT_DEMO_ROWS = 100_000;
export const DEFAULT_DEMO_SEED = 20_260_101;

const SCHEMA = `
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  member_id TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  phone_display TEXT NOT NULL,
  nation TEXT NOT NULL,
  email TEXT NOT NULL,
  user_no INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  game_code TEXT NOT NULL,
  cash_real INTEGER NOT NULL,
  cash_bonus INTEGER NOT NULL,
  cash_total INTEGER NOT NULL,
  joined_at TEXT NOT NULL
);
CREATE TABLE demo_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`;

// Built after the rows are in: one sorted pass is several times faster than keeping the
// B-trees up to date on every insert.
const INDEXES = `
CREATE UNIQUE INDEX customers_phone ON customers (phone);
CREATE UNIQUE INDEX customers_member_id ON customers (member_id);`;

export interface DemoDatabaseOptions {
  /** Where the database ends up, e.g. `data/demo.sqlite`. */
  file: string;
  rows?: number;
  seed?: number;
}

export interface DemoDatabase {
  file: string;
  rows: number;
  seed: number;
  /** False when an existing file with the same rows, seed and schema was reused. */
  created: boolean;
  /** Time spent building, 0 when reused. */
  ms: number;
}

/**
 * Writes the demo customers to a fresh SQLite file. The rows go into `<file>.<pid>.tmp` inside one
 * transaction with one prepared statement, and the file is renamed into place only when complete:
 * an interrupted build never leaves a half-filled database behind.
 *
 * @example
 * const { ms } = buildDemoDatabase({ file: 'data/demo.sqlite', rows: 100_000 });
 */
export function buildDemoDatabase(options: DemoDatabaseOptions): DemoDatabase {
  const { file, rows, seed } = withDefaults(options);
  const started = performance.now();
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  try {
    const db = new Database(temp);
    try {
      // Safe only because nobody can see the temp file: a crash just leaves garbage to delete.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('cache_size = -262144');
      db.exec(SCHEMA);
      const insert = db.prepare('INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
      db.transaction(() => {
        for (let i = 0; i < rows; i++) {
          const c = makeCustomer(seed, i);
          insert.run(c.id, c.memberId, c.name, c.phone, c.phoneDisplay, c.nation, c.email, c.userNo, c.userId,
            c.gameCode, c.cashReal, c.cashBonus, c.cashTotal, c.joinedAt);
        }
        const meta = db.prepare('INSERT INTO demo_meta VALUES (?, ?)');
        meta.run('version', String(DEMO_SCHEMA_VERSION));
        meta.run('rows', String(rows));
        meta.run('seed', String(seed));
      })();
      db.exec(INDEXES);
    } finally {
      db.close();
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { file, rows, seed, created: true, ms: performance.now() - started };
}

/**
 * Reuses `file` when it already holds the same rows, seed and schema version; builds it otherwise.
 *
 * @example
 * const db = ensureDemoDatabase({ file: 'data/bench/demo.sqlite', rows: 1_000_000 });
 * console.log(db.created ? `built in ${db.ms} ms` : 'reused');
 */
export function ensureDemoDatabase(options: DemoDatabaseOptions): DemoDatabase {
  const { file, rows, seed } = withDefaults(options);
  const meta = readDemoMeta(file);
  if (meta && meta.rows === rows && meta.seed === seed && meta.version === DEMO_SCHEMA_VERSION) {
    return { file, rows, seed, created: false, ms: 0 };
  }
  return buildDemoDatabase({ file, rows, seed });
}

/**
 * What a demo database says it holds, or `undefined` if the file is missing or not one.
 *
 * @example
 * readDemoMeta('data/demo.sqlite') // { version: 1, rows: 100000, seed: 20260101 }
 */
export function readDemoMeta(file: string): { version: number; rows: number; seed: number } | undefined {
  if (!existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const entries = db.prepare('SELECT key, value FROM demo_meta').all() as Array<{ key: string; value: string }>;
    const values = Object.fromEntries(entries.map((e) => [e.key, Number(e.value)]));
    const { version, rows, seed } = values;
    if (version === undefined || rows === undefined || seed === undefined) return undefined;
    return { version, rows, seed };
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

function withDefaults(options: DemoDatabaseOptions): Required<DemoDatabaseOptions> {
  const rows = options.rows ?? DEFAULT_DEMO_ROWS;
  if (!Number.isInteger(rows) || rows < 1 || rows > MAX_CUSTOMERS) {
    throw new RangeError(`demo rows must be a whole number from 1 to ${MAX_CUSTOMERS}, got ${rows}`);
  }
  return { file: options.file, rows, seed: options.seed ?? DEFAULT_DEMO_SEED };
}
