/**
 * Table and column names for `custlink import`. Names come from a CSV header, so they are
 * checked against a narrow rule and then always quoted: SQL text is built from names only,
 * and every value travels as a bound parameter.
 */

/** Bad input found before anything was written: a header, a name or a flag. Exit 2 in the CLI. */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
}

// Letters of any script (Korean headers such as 전화번호 are common), digits and "_", not
// leading with a digit: such names need no quoting in any SQL the server may build later.
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const MAX_LENGTH = 64;

/**
 * Why `name` cannot be a table or column name, or `undefined` when it can.
 *
 * @example
 * identifierProblem('phone') // undefined
 * identifierProblem('2nd') // 'must start with a letter or "_" and hold only letters, digits and "_"'
 */
export function identifierProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_LENGTH) return `is longer than ${MAX_LENGTH} characters`;
  if (!IDENTIFIER.test(name)) return 'must start with a letter or "_" and hold only letters, digits and "_"';
  // SQLite reserves the prefix for its own tables and refuses to create them.
  if (name.toLowerCase().startsWith('sqlite_')) return 'must not start with "sqlite_"';
  return undefined;
}

/**
 * Throws an `ImportInputError` naming what was wrong with a table or column name.
 *
 * @example
 * checkIdentifier('customers', 'table name') // ok
 * checkIdentifier('drop table', 'table name') // throws: table name "drop table" must start ...
 */
export function checkIdentifier(name: string, what: string): void {
  const problem = identifierProblem(name);
  if (problem) throw new ImportInputError(`${what} ${JSON.stringify(name)} ${problem}`);
}

/**
 * `name` as an SQL identifier. Quoting even valid names keeps keywords such as `order` usable.
 *
 * @example
 * quoteIdentifier('order') // '"order"'
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Checks the header row and the `--index` columns; returns the column names.
 * SQLite compares names without regard to ASCII case, so duplicates are found the same way.
 *
 * @example
 * checkHeader(['id', 'phone'], ['phone']) // ['id', 'phone']
 * checkHeader(['id', 'ID'], []) // throws: duplicate column name "ID" (columns 1 and 2)
 */
export function checkHeader(header: readonly string[], indexColumns: readonly string[]): string[] {
  if (header.length === 0 || (header.length === 1 && header[0] === '')) {
    throw new ImportInputError('the header row is empty: the first line must name the columns');
  }
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const problem = identifierProblem(name);
    if (problem) throw new ImportInputError(`header column ${i + 1} ${JSON.stringify(name)} ${problem}`);
    const key = foldCase(name);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ImportInputError(`duplicate column name ${JSON.stringify(name)} (columns ${first + 1} and ${i + 1})`);
    }
    seen.set(key, i);
  });
  for (const column of indexColumns) {
    if (!seen.has(foldCase(column))) {
      throw new ImportInputError(`--index column ${JSON.stringify(column)} is not in the header (${header.join(', ')})`);
    }
  }
  return [...header];
}

/**
 * The key SQLite uses when it compares identifiers: ASCII letters folded, others kept.
 *
 * @example
 * foldCase('Phone') === foldCase('PHONE') // true
 */
export function foldCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
