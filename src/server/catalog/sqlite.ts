import Database from 'better-sqlite3';
import { quoteIdentifier } from './quote.js';
import { asText, CatalogError, type Catalog, type CatalogTable } from './types.js';

/**
 * The catalogue of a SQLite file (sqlite_schema, table_info and index_list/index_info pragmas),
 * opened read-only: the file is never written.
 *
 * @example
 * const catalog = await openSqliteCatalog('customers.sqlite');
 */
export async function openSqliteCatalog(file: string): Promise<Catalog> {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CatalogError(`cannot open the SQLite file ${file}: ${(error as Error).message}`);
  }
  const q = (name: string) => quoteIdentifier('sqlite', name);
  return {
    dialect: 'sqlite',
    tables: async () => sqliteTables(db),
    async sample(table, limit) {
      const rows = db.prepare(`SELECT ${table.columns.map((c) => q(c.name)).join(', ')} FROM ${q(table.name)} LIMIT ${Math.trunc(limit)}`).raw().all() as unknown[][];
      return rows.map((values) => Object.fromEntries(table.columns.map((c, i) => [c.name, asText(values[i])])));
    },
    async close() {
      db.close();
    },
  };
}

/**
 * The tables and views of an open SQLite file with their columns and the columns that lead an
 * index (the rowid's primary key among them).
 *
 * @example
 * sqliteTables(new Database('customers.sqlite', { readonly: true })).map((t) => t.name) // ['customers']
 */
export function sqliteTables(db: Database.Database): CatalogTable[] {
  const q = (name: string) => quoteIdentifier('sqlite', name);
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
  return names.map((name): CatalogTable => {
    const columns = (db.prepare(`PRAGMA table_info(${q(name)})`).all() as { name: string; type: string; pk: number }[]).map((c) => ({ name: c.name, type: c.type || 'any', pk: c.pk }));
    const indexed = new Set<string>(columns.filter((c) => c.pk === 1).map((c) => c.name));
    for (const index of db.prepare(`PRAGMA index_list(${q(name)})`).all() as { name: string }[]) {
      const first = (db.prepare(`PRAGMA index_info(${q(index.name)})`).all() as { seqno: number; name: string | null }[]).find((c) => c.seqno === 0);
      if (first?.name) indexed.add(first.name);
    }
    return { schema: 'main', name, columns: columns.map(({ name, type }) => ({ name, type })), indexed: [...indexed] };
  });
}
