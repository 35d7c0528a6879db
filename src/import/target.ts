import { existsSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { foldCase, ImportInputError, quoteIdentifier } from './identifiers.js';

/** What to do when the table exists: refuse (`create`), drop and recreate, or add rows. */
export type ImportMode = 'create' | 'replace' | 'append';

/** The target table as it is before the import. */
export interface Target {
  /** The table's name as stored (SQLite matches names without regard to ASCII case). */
  name?: string;
  columns: string[];
}

/**
 * Looks at the database before the CSV is read, without creating it, so that a refused import
 * writes nothing. Throws an `ImportInputError` when the table exists and `mode` is `create`.
 *
 * @example
 * inspectTarget('data/customers.sqlite', 'customers', 'append') // { name: 'customers', columns: ['id', ...] }
 */
export function inspectTarget(dbPath: string, table: string, mode: ImportMode): Target {
  if (!existsSync(dbPath)) return { columns: [] };
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    return findTable(db, table, dbPath, mode);
  } finally {
    db.close();
  }
}

/**
 * The table `table` in an open database (matched as SQLite matches names), or no name when it
 * does not exist. Throws an `ImportInputError` when it exists and `mode` is `create`.
 *
 * @example
 * findTable(db, 'customers', 'data/customers.sqlite', 'replace') // { name: 'customers', columns: [...] }
 */
export function findTable(db: Database, table: string, dbPath: string, mode: ImportMode): Target {
  const row = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE").get(table) as
    | { name: string }
    | undefined;
  if (!row) return { columns: [] };
  if (mode === 'create') {
    throw new ImportInputError(
      `table ${JSON.stringify(row.name)} already exists in ${dbPath}; add --replace to drop and recreate it, or --append to add rows`,
    );
  }
  const columns = (db.prepare(`PRAGMA table_info(${quoteIdentifier(row.name)})`).all() as { name: string }[]).map((c) => c.name);
  return { name: row.name, columns };
}

/**
 * The table's spelling of each CSV column, for `--append`: every header column must exist.
 *
 * @example
 * appendColumns(['Phone'], { name: 't', columns: ['id', 'phone'] }, 't') // ['phone']
 */
export function appendColumns(header: readonly string[], target: Target, table: string): string[] {
  const byKey = new Map(target.columns.map((c) => [foldCase(c), c]));
  return header.map((column) => {
    const found = byKey.get(foldCase(column));
    if (found === undefined) {
      throw new ImportInputError(
        `column ${JSON.stringify(column)} is not in table ${JSON.stringify(table)} (its columns: ${target.columns.join(', ')})`,
      );
    }
    return found;
  });
}
