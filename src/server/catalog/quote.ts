import type { Dialect } from './types.js';

/**
 * An identifier quoted for the dialect, so that Korean names, upper case and reserved words reach
 * the database as written: `"회원"` (PostgreSQL, SQLite), `` `회원` `` (MySQL).
 *
 * @example
 * quoteIdentifier('postgres', 'say "hi"') // '"say ""hi"""'
 * quoteIdentifier('mysql', '회원')        // '`회원`'
 */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  return dialect === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;
}
