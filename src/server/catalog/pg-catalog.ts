/** Reads a PostgreSQL table's columns and indexes from pg_catalog, and samples it read-only. */
import pg from 'pg';
import type { CatalogColumn } from './classify.js';

/** A table as `init --from-db` sees it. */
export interface CatalogTable {
  schema: string;
  table: string;
  columns: CatalogColumn[];
  /** The first column of each valid index (a lookup on it can use the index). */
  indexedFirst: string[];
  /** At most 200 rows, read in a READ ONLY transaction; never printed unmasked. */
  sample: Record<string, string>[];
}

/** The most rows `init --from-db` reads to judge the columns. */
export const SAMPLE_LIMIT = 200;

/**
 * `"name"` quoted for PostgreSQL, a `"` doubled, so Korean and mixed-case names stay verbatim.
 *
 * @example
 * quotePg('회원번호') // '"회원번호"'
 */
export function quotePg(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The user tables (schema other than pg_catalog/information_schema) and, for `schema.table`,
 * its columns, the first columns of its indexes and a sample, all in one READ ONLY transaction.
 *
 * @example
 * const table = await readPgTable('postgres://127.0.0.1/crm', 'crm', 'member');
 */
export async function readPgTable(url: string, schema: string, table: string): Promise<CatalogTable> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    const columns = await client.query<{ name: string; type: string }>(
      `SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type
       FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [schema, table],
    );
    if (columns.rows.length === 0) throw new Error(`no table ${schema}.${table} (or no columns visible to this login)`);
    const indexes = await client.query<{ name: string }>(
      `SELECT a.attname AS name
       FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
       WHERE n.nspname = $1 AND c.relname = $2 AND i.indisvalid`,
      [schema, table],
    );
    const list = columns.rows.map((c) => `${quotePg(c.name)}::text AS ${quotePg(c.name)}`).join(', ');
    const sample = await client.query<Record<string, string>>(`SELECT ${list} FROM ${quotePg(schema)}.${quotePg(table)} LIMIT ${SAMPLE_LIMIT}`);
    await client.query('COMMIT');
    return { schema, table, columns: columns.rows, indexedFirst: indexes.rows.map((r) => r.name), sample: sample.rows };
  } finally {
    await client.end();
  }
}
