import type { SqliteSourceConfig } from '../../config/types.js';
import { sqlParameters } from '../../vocabulary/sql-params.js';
import { sampleSql } from '../normalize-sample.js';
import { rowReader } from './row-reader.js';
import { fullScanWarnings, openSqliteQuery } from './open-database.js';
import { readWindow } from './read-window.js';

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
 * Throws a `ConfigError` naming `source.file` or `source.query` (see `openSqliteQuery`).
 * Lookups share one read transaction for a few milliseconds (see `readWindow`), and 64-bit
 * integers keep every digit (see `rowReader`).
 *
 * @example
 * const handle = openSqliteHandle(config, { busyTimeoutMs: 2000, plan: true, onWindowError: () => {} });
 * handle.lookupValues({ callNum: '01012345678' }, 1); // [['홍길동', 1001]]
 */
export function openSqliteHandle(config: SqliteSourceConfig, options: SqliteHandleOptions): SqliteHandle {
  const { db, statement } = openSqliteQuery(config, options.busyTimeoutMs);
  const names = sqlParameters(config.query);
  // One bind object, refilled per lookup: lookups are synchronous, so it is never shared.
  const bind: Record<string, string | null> = {};
  for (const name of names) bind[name] = null;
  const read = rowReader(db, statement, config.query, bind);
  const warnings = options.plan ? fullScanWarnings(db, config.query, names) : [];
  const columns = statement.columns().map((c) => c.name);
  const window = readWindow(db, options.onWindowError);

  return {
    columns,
    warnings,
    lookupValues(params, limit) {
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        bind[name] = Object.hasOwn(params, name) ? params[name]! : null;
      }
      window.enter();
      try {
        return read(limit);
      } catch (error) {
        // The window's transaction may hold a damaged snapshot: the next lookup opens a fresh one.
        window.end();
        throw error;
      }
    },
    sampleColumn: (column, from, limit) => db.prepare(sampleSql(column, from, limit)).pluck().all(),
    close() {
      window.end();
      try {
        if (db.open) db.close();
      } catch {
        // Closing a connection to a damaged file has nothing left to give back.
      }
    },
  };
}
