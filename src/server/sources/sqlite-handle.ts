import Database from 'better-sqlite3';
import { ConfigError } from '../config/error.js';
import { sqlParameters } from './sql-params.js';
import type { SqliteSourceConfig } from '../config/types.js';
import { fullScans } from './sqlite-plan.js';
import { sampleSql } from './normalize-sample.js';

/** How long lookups share one read transaction (see `openSqliteHandle`). */
export const SNAPSHOT_MS = 5;

/** One open SQLite file with the query prepared: what the SQLite source swaps when the file is replaced. */
export interface SqliteHandle {
  readonly columns: readonly string[];
  /** Full-scan warnings, when asked for at open. */
  readonly warnings: readonly string[];
  /** At most `limit` rows, each an array of values in `columns` order. Throws what SQLite throws. */
  lookupValues(params: Readonly<Record<string, string>>, limit: number): unknown[][];
  /** Up to `limit` stored non-NULL values of `column` from `from` (see `sampleSql`), on this open file. */
  sampleColumn(column: string, from: string, limit: number): unknown[];
  /** Ends the read transaction and closes the file. Never throws. */
  close(): void;
}

export interface SqliteHandleOptions {
  busyTimeoutMs: number;
  /** Plans the query for full-table scans (at start only: the warnings are logged once). */
  plan: boolean;
  /** Told when ending a read window fails, which happens outside any request (from a timer). */
  onWindowError(error: unknown): void;
}

/**
 * Opens the file read-only (it must exist) and prepares the query. Lookups bind the lookup items by
 * name, so values are never spliced into SQL; an item the request did not send binds as `NULL`.
 * Throws a `ConfigError` naming `source.file` or `source.query`.
 *
 * Every SQLite read transaction takes and drops a file lock (several system calls; about 20 us
 * on a VM, ten times the indexed lookup itself). Lookups therefore share one read transaction
 * for up to `SNAPSHOT_MS`: under load the lock is paid once per window instead of once per
 * request, a writer waits at most one window for the lock, and a lookup never sees data older
 * than one window.
 *
 * @example
 * const handle = openSqliteHandle(config, { busyTimeoutMs: 2000, plan: true, onWindowError: () => {} });
 * handle.lookupValues({ callNum: '01012345678' }, 1); // [['홍길동', 1001]]
 */
export function openSqliteHandle(config: SqliteSourceConfig, options: SqliteHandleOptions): SqliteHandle {
  let db: Database.Database;
  try {
    db = new Database(config.file, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs });
  } catch (error) {
    throw new ConfigError([{ path: 'source.file', message: `cannot open ${config.file} read-only: ${(error as Error).message}` }], undefined, { cause: error });
  }
  // No memory map (SQLite's default): a mapped file that shrinks under it (an in-place copy or
  // truncate) kills the process with SIGBUS, which no handler can catch. Read through a page cache
  // instead, large enough to hold the hot pages of a big table; it only grows as pages are read.
  db.pragma('cache_size = -65536');
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
  const warnings = options.plan ? fullScans(db, config.query, names).map(fullScanWarning) : [];
  const columns = statement.columns().map((c) => c.name);
  // One bind object, refilled per lookup: lookups are synchronous, so it is never shared.
  const bind: Record<string, string | null> = {};
  for (const name of names) bind[name] = null;
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  let inWindow = false;
  // A read transaction that cannot commit (the file was damaged under it) is rolled back, so the
  // next window starts clean; nothing here may throw, it runs from a timer or a close.
  const endWindow = (): boolean => {
    inWindow = false;
    try {
      if (db.open && db.inTransaction) commit.run();
      return true;
    } catch (error) {
      try {
        if (db.open && db.inTransaction) db.exec('ROLLBACK');
      } catch {
        // The connection is closed by its owner once the file is found broken.
      }
      options.onWindowError(error);
      return false;
    }
  };
  const onTimer = (): void => void endWindow();

  const read = (limit: number): unknown[][] => {
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
    columns,
    warnings,
    lookupValues(params, limit) {
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        bind[name] = Object.hasOwn(params, name) ? params[name]! : null;
      }
      if (!inWindow) {
        inWindow = true;
        if (!db.inTransaction) begin.run();
        setTimeout(onTimer, SNAPSHOT_MS).unref();
      }
      try {
        return read(limit);
      } catch (error) {
        // The window's transaction may hold a damaged snapshot: the next lookup opens a fresh one.
        endWindow();
        throw error;
      }
    },
    sampleColumn: (column, from, limit) => db.prepare(sampleSql(column, from, limit)).pluck().all(),
    close() {
      endWindow();
      try {
        if (db.open) db.close();
      } catch {
        // Closing a connection to a damaged file has nothing left to give back.
      }
    },
  };
}

function fullScanWarning(table: string): string {
  return (
    `source.query reads every row of ${table} on each lookup (SQLite plans a full SCAN), which blocks the server ` +
    `while it runs and cannot be cut short by limits.sourceTimeoutMs: index the columns it filters by, e.g. CREATE INDEX ${table}_lookup ON ${table}(<column>)`
  );
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
