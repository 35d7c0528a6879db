import pg from 'pg';
import { quoteIdentifier } from './quote.js';
import { asText, CatalogError, type Catalog, type CatalogTable } from './types.js';

const TABLES = `
SELECT c.table_schema, c.table_name, c.column_name, c.data_type
  FROM information_schema.columns c
  JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
 WHERE t.table_type IN ('BASE TABLE', 'VIEW')
   AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
 ORDER BY c.table_schema, c.table_name, c.ordinal_position`;

// indkey[0] is the index's first column: only that one serves "WHERE column = $1" on its own.
const INDEXED = `
SELECT n.nspname AS table_schema, t.relname AS table_name, a.attname AS column_name
  FROM pg_index i
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

/**
 * The PostgreSQL catalogue (information_schema for columns, pg_catalog for index columns), every
 * schema the user may see, not only public.
 *
 * @example
 * const catalog = await openPostgresCatalog('postgres://me@127.0.0.1:5432/crm');
 * const tables = await catalog.tables();
 * await catalog.close();
 */
export async function openPostgresCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new CatalogError(`cannot connect to PostgreSQL at ${hostOf(url)}: ${(error as Error).message}`);
  }
  return {
    dialect: 'postgres',
    async tables() {
      const [columns, indexed] = await Promise.all([client.query(TABLES), client.query(INDEXED)]);
      const byKey = new Map<string, CatalogTable>();
      for (const row of columns.rows as Record<string, string>[]) {
        const key = `${row.table_schema}\u0000${row.table_name}`;
        let table = byKey.get(key);
        if (!table) byKey.set(key, (table = { schema: row.table_schema!, name: row.table_name!, columns: [], indexed: [] }));
        table.columns.push({ name: row.column_name!, type: row.data_type! });
      }
      for (const row of indexed.rows as Record<string, string>[]) {
        const table = byKey.get(`${row.table_schema}\u0000${row.table_name}`);
        if (table && !table.indexed.includes(row.column_name!)) table.indexed.push(row.column_name!);
      }
      return [...byKey.values()];
    },
    async sample(table, limit) {
      const columns = table.columns.map((c) => `${quoteIdentifier('postgres', c.name)}::text`).join(', ');
      await client.query('BEGIN TRANSACTION READ ONLY');
      try {
        const result = await client.query({ text: `SELECT ${columns} FROM ${quoteIdentifier('postgres', table.schema)}.${quoteIdentifier('postgres', table.name)} LIMIT ${Math.trunc(limit)}`, rowMode: 'array' });
        return (result.rows as unknown[][]).map((values) => Object.fromEntries(table.columns.map((c, i) => [c.name, asText(values[i])])));
      } finally {
        await client.query('ROLLBACK');
      }
    },
    close: () => client.end(),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the given URL';
  }
}
