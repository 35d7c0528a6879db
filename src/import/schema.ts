import { quoteIdentifier } from './identifiers.js';

/*
 * SQL text for the import, built from checked names only. Every column is TEXT: a CSV holds
 * text, and phone numbers such as 01012345678 must keep their leading zero.
 */

/**
 * `CREATE TABLE` for the header's columns.
 *
 * @example
 * createTableSql('customers', ['id', 'phone']) // 'CREATE TABLE "customers" ("id" TEXT, "phone" TEXT)'
 */
export function createTableSql(table: string, columns: readonly string[]): string {
  return `CREATE TABLE ${quoteIdentifier(table)} (${columns.map((c) => `${quoteIdentifier(c)} TEXT`).join(', ')})`;
}

/**
 * An `INSERT` of `rows` rows at once, with one `?` per value.
 *
 * @example
 * insertSql('customers', ['id', 'phone'], 2) // 'INSERT INTO "customers" ("id", "phone") VALUES (?, ?), (?, ?)'
 */
export function insertSql(table: string, columns: readonly string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
}

/**
 * The name custlink gives the index on `column`, and its `CREATE INDEX`.
 * `IF NOT EXISTS` lets `--append` ask again for an index an earlier import made.
 *
 * @example
 * createIndexSql('customers', 'phone') // { name: 'customers_phone_idx', sql: 'CREATE INDEX IF NOT EXISTS ...' }
 */
export function createIndexSql(table: string, column: string): { name: string; sql: string } {
  const name = `${table}_${column}_idx`;
  return { name, sql: `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(name)} ON ${quoteIdentifier(table)} (${quoteIdentifier(column)})` };
}

/**
 * `DROP TABLE`, for `--replace`; its indexes go with it.
 *
 * @example
 * dropTableSql('customers') // 'DROP TABLE IF EXISTS "customers"'
 */
export function dropTableSql(table: string): string {
  return `DROP TABLE IF EXISTS ${quoteIdentifier(table)}`;
}
