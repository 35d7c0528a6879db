/** One column of a table, as the database's catalogue describes it. */
interface CatalogColumn {
  name: string;
  /** The database's own type name (text, bigint, varchar(20), ...). */
  type: string;
}

/** One table or view a lookup could read. */
export interface CatalogTable {
  /** The schema (PostgreSQL), database (MySQL) or `main` (SQLite). */
  schema: string;
  name: string;
  columns: CatalogColumn[];
  /** Columns that lead an index: an equality lookup on one of them does not scan the table. */
  indexed: string[];
}

/** SQL dialects `custlink init --from-db` reads. */
export type Dialect = 'postgres' | 'mysql' | 'sqlite';

/** A connection to a customer database that only reads its catalogue and samples its rows. */
export interface Catalog {
  dialect: Dialect;
  tables(): Promise<CatalogTable[]>;
  /**
   * At most `limit` rows of the table, every value as text (null stays null), read in a READ ONLY
   * transaction: onboarding a database must never be able to change it.
   */
  sample(table: CatalogTable, limit: number): Promise<Record<string, string | null>[]>;
  close(): Promise<void>;
}

/** Why a catalogue could not be read, in words for the person running `init`. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

/**
 * A value as text for sampling: strings as they are, numbers and big integers written out, dates
 * in ISO form, buffers left out (a blob says nothing about what column it is).
 *
 * @example
 * asText(1234n) // '1234'
 */
export function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return null;
}
