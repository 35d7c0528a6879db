import type Database from 'better-sqlite3';

/**
 * The tables a query reads in full, from SQLite's own plan: a `SCAN` of a table (or of a whole
 * index) costs time in proportion to the table, where a `SEARCH` through an index does not.
 *
 * @example
 * fullScans(db, 'SELECT name FROM customers WHERE lower(email) = :email', ['email']) // ['customers']
 */
export function fullScans(db: Database.Database, query: string, names: readonly string[]): string[] {
  const bind: Record<string, null> = {};
  for (const name of names) bind[name] = null;
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(bind) as { detail: string }[];
  const tables = new Set<string>();
  for (const { detail } of plan) {
    const scan = /^SCAN (\S+)/.exec(detail);
    if (scan !== null && scan[1] !== 'CONSTANT' && !scan[1]!.startsWith('(')) tables.add(scan[1]!);
  }
  return [...tables];
}
