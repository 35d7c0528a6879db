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
// A column may also hold what spreadsheet headers do (휴대폰 번호, E-mail, 가입일(YYYY-MM-DD)):
// every statement quotes it, and a config's query can too ("휴대폰 번호").
const COLUMN = /^[\p{L}_](?:[\p{L}\p{N}_ .()-]*[\p{L}\p{N}_.)])?$/u;
const MAX_LENGTH = 64;

/**
 * Why `name` cannot be a table name, or `undefined` when it can.
 *
 * @example
 * identifierProblem('phone') // undefined
 * identifierProblem('2nd') // 'must start with a letter or "_" and hold only letters, digits and "_"'
 */
export function identifierProblem(name: string): string | undefined {
  return nameProblem(name, IDENTIFIER, 'must start with a letter or "_" and hold only letters, digits and "_"');
}

/**
 * Why `name` cannot be a column name, or `undefined` when it can: as a table name, and spaces,
 * hyphens, dots and parentheses inside too.
 *
 * @example
 * columnProblem('휴대폰 번호') // undefined
 * columnProblem('2nd') // 'must start with a letter or "_" ...'
 */
export function columnProblem(name: string): string | undefined {
  if (name !== name.trim()) return 'has a space at its start or end';
  return nameProblem(name, COLUMN, 'must start with a letter or "_" and hold only letters, digits, spaces and _ - . ( )');
}

function nameProblem(name: string, rule: RegExp, ruleText: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_LENGTH) return `is longer than ${MAX_LENGTH} characters`;
  if (!rule.test(name)) return ruleText;
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
export function checkIdentifier(name: string, what: string, problemOf: (name: string) => string | undefined = identifierProblem): void {
  const problem = problemOf(name);
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

/** One `--rename`: a header name as the file has it, and the column name to use instead. */
export interface Rename {
  from: string;
  to: string;
}

/**
 * Checks the header row (after `renames`) and the `--index` columns; returns the column names.
 * Every bad name is listed at once, each with a `--rename` to fix it. SQLite compares names
 * without regard to ASCII case, so duplicates are found the same way.
 *
 * @example
 * checkHeader(['id', 'phone'], ['phone']) // ['id', 'phone']
 * checkHeader(['id', '2nd phone'], [], [{ from: '2nd phone', to: 'phone2' }]) // ['id', 'phone2']
 * checkHeader(['id', 'ID'], []) // throws: duplicate column name "ID" (columns 1 and 2)
 */
export function checkHeader(header: readonly string[], indexColumns: readonly string[], renames: readonly Rename[] = []): string[] {
  if (header.length === 0 || (header.length === 1 && header[0] === '')) {
    throw new ImportInputError('the header row is empty: the first line must name the columns');
  }
  const names = [...header];
  for (const { from, to } of renames) {
    const at = header.findIndex((h) => h === from);
    const folded = at < 0 ? header.findIndex((h) => foldCase(h) === foldCase(from)) : at;
    if (folded < 0) throw new ImportInputError(`--rename: column ${JSON.stringify(from)} is not in the header (${header.join(', ')})`);
    names[folded] = to;
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const problem = columnProblem(name);
    if (problem) {
      const renamed = name === header[i] ? '' : ` (--rename of ${JSON.stringify(header[i])})`;
      problems.push(`header column ${i + 1} ${JSON.stringify(name)}${renamed} ${problem}`);
      return;
    }
    const key = foldCase(name);
    const first = seen.get(key);
    if (first !== undefined) problems.push(`duplicate column name ${JSON.stringify(name)} (columns ${first + 1} and ${i + 1})`);
    else seen.set(key, i);
  });
  if (problems.length === 1) throw new ImportInputError(`${problems[0]}; fix it in the file or with --rename 'OLD=NEW'`);
  if (problems.length > 1) {
    throw new ImportInputError(`the header has ${problems.length} bad column names; fix them in the file or with --rename 'OLD=NEW' (the flag repeats):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  for (const column of indexColumns) {
    if (!seen.has(foldCase(column))) {
      throw new ImportInputError(`--index column ${JSON.stringify(column)} is not in the header (${names.join(', ')})`);
    }
  }
  return names;
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
