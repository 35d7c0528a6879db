/**
 * The one statement a SQL source samples a column with for the stored-form check of `normalize`
 * (see `storedFormWarnings`): built only from the column and FROM clause `comparedColumn` read in
 * the config's own `source.query`, never from a request, and checked again here so that it stays
 * one bounded SELECT whoever calls it.
 */

const NAME = String.raw`(?:"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\]|[\p{L}_][\p{L}\p{N}_$]*)`;

/** A column as `source.query` may compare it: a name, quoted or not, with its table's name or alias before it. */
export const COLUMN = `${NAME}(?:\\s*\\.\\s*${NAME})?`;

const WHOLE_COLUMN = new RegExp(`^${COLUMN}$`, 'u');
// A parameter, a subquery or a function call needs what the check does not have; a `;` would end
// the statement and a comment could swallow the WHERE and LIMIT that bound the sample.
const NOT_PLAIN_FROM = /[(:@$?;]|--|\/\*/;

/**
 * Whether `from` is a FROM clause the sample can be built on: tables, aliases and joins of
 * them, with no parameter, subquery, function, `;` or comment.
 *
 * @example
 * isPlainFrom('customers c') // true
 * isPlainFrom('customers -- all') // false
 */
export function isPlainFrom(from: string): boolean {
  return from.trim() !== '' && !NOT_PLAIN_FROM.test(from);
}

/**
 * The SELECT of up to `limit` stored, non-NULL values of `column` from `from`. Throws when
 * `column` is not one column or `from` not a plain FROM clause (see `isPlainFrom`).
 *
 * @example
 * sampleSql('c.phone', 'customers c', 100) // 'SELECT c.phone\nFROM customers c\nWHERE c.phone IS NOT NULL\nLIMIT 100'
 */
export function sampleSql(column: string, from: string, limit: number): string {
  if (!WHOLE_COLUMN.test(column)) throw new Error(`${column} is not a column name`);
  if (!isPlainFrom(from)) throw new Error(`FROM ${from} is not a plain list of tables`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`the sample's limit ${limit} is not a positive integer`);
  return `SELECT ${column}\nFROM ${from}\nWHERE ${column} IS NOT NULL\nLIMIT ${limit}`;
}
