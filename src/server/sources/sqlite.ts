import Database from 'better-sqlite3';
import { ConfigError } from '../config/error.js';
import { sqlParameters } from './sql-params.js';
import type { SqliteSourceConfig } from '../config/types.js';
import type { Row, Source } from '../types.js';
import { fullScans } from './sqlite-plan.js';

/** How long lookups share one read transaction (see `openSqliteSource`). */
export const SNAPSHOT_MS = 5;

/**
 * The SQLite source: the database opened read-only (it must already exist), the query prepared
 * once. Lookups bind the lookup items by name, so values are never spliced into SQL; an item the
 * request did not send binds as `NULL`. Integers past 2^53 come back as `bigint`, so 64-bit ids
 * keep every digit. better-sqlite3 is synchronous: a slow query blocks the process and `sourceTimeoutMs`
 * cannot cut it short, so index the columns you look up by.
 *
 * Every SQLite read transaction takes and drops a file lock (several system calls; about 20 us
 * on a VM, ten times the indexed lookup itself). Lookups therefore share one read transaction
 * for up to `SNAPSHOT_MS`: under load the lock is paid once per window instead of once per
 * request, a writer (`custlink import`) waits at most one window for the lock, and a lookup
 * never sees data older than one window.
 *
 * @example
 * const source = openSqliteSource({ type: 'sqlite', file: '/data/crm.sqlite', query: 'SELECT name FROM c WHERE phone = :callNum', unique: false });
 * await source.lookup({ callNum: '01012345678' }, 1, AbortSignal.timeout(2000));
 */
export function openSqliteSource(config: SqliteSourceConfig, busyTimeoutMs = 2000): Source {
  let db: Database.Database;
  try {
    db = new Database(config.file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  } catch (error) {
    throw new ConfigError([{ path: 'source.file', message: `cannot open ${config.file} read-only: ${(error as Error).message}` }], undefined, { cause: error });
  }
  // Pages read through a memory map cost no system call once the OS has them cached; with the
  // default (read() into SQLite's 2 MB cache) a random lookup in a large table pays several.
  db.pragma('mmap_size = 1073741824');
  let statement: Database.Statement<[Record<string, string | null>]>;
  try {
    statement = db.prepare(config.query);
  } catch (error) {
    db.close();
    throw new ConfigError([{ path: 'source.query', message: `SQLite refuses it: ${(error as Error).message}` }], undefined, { cause: error });
  }
  if (!statement.reader) {
    db.close();
    throw new ConfigError([{ path: 'source.query', message: 'returns no rows; it must be a SELECT' }]);
  }
  // Values come back as arrays (no keyed object per row) and integers as plain numbers (no
  // BigInt per column). A 64-bit integer past 2^53 reads back as an unsafe number; a row holding
  // one is read again, in the same transaction, by a twin statement that returns BigInts, so ids
  // keep every digit (see `hasUnsafeNumber`).
  statement.raw(true);
  const exact = db.prepare(config.query);
  exact.raw(true);
  exact.safeIntegers(true);
  const names = sqlParameters(config.query);
  const warnings = fullScans(db, config.query, names).map(
    (table) =>
      `source.query reads every row of ${table} on each lookup (SQLite plans a full SCAN), which blocks the server ` +
      `while it runs and cannot be cut short by limits.sourceTimeoutMs: index the columns it filters by, e.g. CREATE INDEX ${table}_lookup ON ${table}(<column>)`,
  );
  const columns = statement.columns().map((c) => c.name);
  // One bind object, refilled per lookup: lookups are synchronous, so it is never shared.
  const bind: Record<string, string | null> = {};
  for (const name of names) bind[name] = null;
  const ping = db.prepare('SELECT 1');
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  let inWindow = false;
  const endWindow = (): void => {
    inWindow = false;
    if (db.open && db.inTransaction) commit.run();
  };

  const lookupValues = (params: Readonly<Record<string, string>>, limit: number): unknown[][] => {
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      bind[name] = Object.hasOwn(params, name) ? params[name]! : null;
    }
    if (!inWindow) {
      inWindow = true;
      if (!db.inTransaction) begin.run();
      setTimeout(endWindow, SNAPSHOT_MS).unref();
    }
    if (limit <= 1) {
      const row = statement.get(bind) as unknown[] | undefined;
      if (row === undefined) return [];
      return [hasUnsafeNumber(row) ? ((exact.get(bind) as unknown[] | undefined) ?? row) : row];
    }
    const rows: unknown[][] = [];
    let unsafe = false;
    for (const row of statement.iterate(bind) as IterableIterator<unknown[]>) {
      rows.push(row);
      if (hasUnsafeNumber(row)) unsafe = true;
      // Leaving the loop early ends the iterator, which resets the statement.
      if (rows.length >= limit) break;
    }
    if (!unsafe) return rows;
    rows.length = 0;
    for (const row of exact.iterate(bind) as IterableIterator<unknown[]>) {
      rows.push(row);
      if (rows.length >= limit) break;
    }
    return rows;
  };

  return {
    blocking: true,
    columns,
    warnings,
    lookupValues,
    async lookup(params, limit) {
      return lookupValues(params, limit).map((values) => {
        const row: Row = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i];
        return row;
      });
    },
    async ready() {
      ping.get();
    },
    async close() {
      if (db.open && db.inTransaction) commit.run();
      if (db.open) db.close();
    },
  };
}

/**
 * Whether a row holds a number that may not be the integer SQLite stored: one beyond +-(2^53 - 1).
 * Every int64 below that converts to a double exactly; every one beyond converts to a double
 * beyond it, so nothing is missed. A large REAL also triggers the exact re-read, which returns
 * the same number for it.
 *
 * @example
 * hasUnsafeNumber(['a', 9007199254740992]) // true
 * hasUnsafeNumber(['a', 42, 1.5, null])    // false
 */
export function hasUnsafeNumber(row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    if (typeof value === 'number' && !(value <= Number.MAX_SAFE_INTEGER && value >= -Number.MAX_SAFE_INTEGER)) return true;
  }
  return false;
}
