import Database from 'better-sqlite3';
import { sqliteTables } from '../../catalog/sqlite.js';
import { ConfigError } from '../../config/error.js';
import type { SqliteSourceConfig } from '../../config/types.js';
import { fullScans } from './full-scans.js';
import { missingName, whatExists } from '../what-exists.js';

/** The SQLite source's file, open read-only, and its query prepared (values as objects still). */
export interface OpenedSqlite {
  db: Database.Database;
  statement: Database.Statement<[Record<string, string | null>]>;
}

/**
 * Opens `source.file` read-only (it must exist) and prepares `source.query`, which must return
 * rows. Throws a `ConfigError` naming `source.file` or `source.query`; the file is closed again
 * when the query is refused.
 *
 * @example
 * const { db, statement } = openSqliteQuery({ type: 'sqlite', file: 'crm.sqlite', query: 'SELECT name FROM c WHERE phone = :callNum', unique: false }, 2000);
 * openSqliteQuery({ ...config, query: 'DELETE FROM c' }, 2000); // throws: source.query: returns no rows; it must be a SELECT
 */
export function openSqliteQuery(config: SqliteSourceConfig, busyTimeoutMs: number): OpenedSqlite {
  let db: Database.Database | undefined;
  try {
    db = new Database(config.file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    // No memory map (SQLite's default): a mapped file that shrinks under it (an in-place copy or
    // truncate) kills the process with SIGBUS, which no handler can catch. Read through a page cache
    // instead, large enough to hold the hot pages of a big table; it only grows as pages are read.
    // Also the first read of the file: a corrupt one ("file is not a database") fails here.
    db.pragma('cache_size = -65536');
    db.pragma('schema_version');
  } catch (error) {
    db?.close();
    throw new ConfigError([{ path: 'source.file', message: `cannot open ${config.file} read-only: ${(error as Error).message}` }], undefined, { cause: error });
  }
  let statement: Database.Statement<[Record<string, string | null>]>;
  try {
    statement = db.prepare(config.query);
  } catch (error) {
    const missing = missingName(error);
    const known = missing === undefined ? '' : `; ${whatExists(missing, config.query, sqliteTables(db), 'sqlite')}`;
    db.close();
    throw new ConfigError([{ path: 'source.query', message: `SQLite refuses it: ${(error as Error).message}${known}` }], undefined, { cause: error });
  }
  if (!statement.reader) {
    db.close();
    throw new ConfigError([{ path: 'source.query', message: 'returns no rows; it must be a SELECT' }]);
  }
  return { db, statement };
}

/**
 * One warning per table `query` reads in full (see `fullScans`). A scan blocks the server for as
 * long as it runs, which no timeout can cut short, so the warning says which index would help.
 *
 * @example
 * fullScanWarnings(db, 'SELECT name FROM customers WHERE email = :email', ['email'])
 * // ['source.query reads every row of customers on each lookup (SQLite plans a full SCAN), ...']
 */
export function fullScanWarnings(db: Database.Database, query: string, names: readonly string[]): string[] {
  return fullScans(db, query, names).map(
    (table) =>
      `source.query reads every row of ${table} on each lookup (SQLite plans a full SCAN), which blocks the server ` +
      `while it runs and cannot be cut short by limits.sourceTimeoutMs: index the columns it filters by, e.g. CREATE INDEX ${table}_lookup ON ${table}(<column>)`,
  );
}
