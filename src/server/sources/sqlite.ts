import Database from 'better-sqlite3';
import { ConfigError } from '../config/error.js';
import { sqlParameters } from '../config/sql-params.js';
import type { SqliteSourceConfig } from '../config/types.js';
import type { Row, Source } from '../types.js';

/** How long lookups share one read transaction (see `openSqliteSource`). */
export const SNAPSHOT_MS = 5;

/**
 * The SQLite source: the database opened read-only (it must already exist), the query prepared
 * once. Lookups bind the lookup items by name, so values are never spliced into SQL; an item the
 * request did not send binds as `NULL`. Integers come back as `bigint`, so 64-bit ids keep every
 * digit. better-sqlite3 is synchronous: a slow query blocks the process and `sourceTimeoutMs`
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
  let statement: Database.Statement<[Record<string, string | null>], Row>;
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
  statement.safeIntegers(true);
  const names = sqlParameters(config.query);
  const columns = statement.columns().map((c) => c.name);
  const ping = db.prepare('SELECT 1');
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  let inWindow = false;
  const endWindow = (): void => {
    inWindow = false;
    if (db.open && db.inTransaction) commit.run();
  };

  return {
    blocking: true,
    columns,
    async lookup(params, limit) {
      const bind: Record<string, string | null> = {};
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
        const row = statement.get(bind);
        return row === undefined ? [] : [row];
      }
      const rows: Row[] = [];
      for (const row of statement.iterate(bind)) {
        rows.push(row);
        // Leaving the loop early ends the iterator, which resets the statement.
        if (rows.length >= limit) break;
      }
      return rows;
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
