/** One named parameter in an SQL statement: its name and where it stands (`start` is the prefix). */
export interface SqlParameterToken {
  /** The name without its prefix, or `'?'` for a positional parameter. */
  name: string;
  start: number;
  /** Just past the token. */
  end: number;
}

/**
 * The named parameters (`:name`, `@name`, `$name`) of an SQL statement, skipping string
 * literals, quoted identifiers and comments. A positional `?` is reported as `'?'`: custlink
 * binds lookup items by name only, so the config check can refuse it.
 *
 * @example
 * sqlParameters("SELECT name FROM customers WHERE phone = :callNum AND note <> ':x'") // ['callNum']
 */
export function sqlParameters(sql: string): string[] {
  return [...new Set(scanSqlParameters(sql).map((t) => t.name))];
}

/**
 * Every parameter occurrence of an SQL statement, in order, with its position: what
 * `sqlParameters` reports and what the SQL server sources rewrite to positional parameters.
 * Skips string literals, quoted identifiers, comments, PostgreSQL `::` casts and dollar-quoted
 * strings, MySQL `@@system` variables, and a `$` inside an identifier (MySQL allows `price$usd`).
 *
 * @example
 * scanSqlParameters('SELECT a FROM t WHERE p = :x') // [{ name: 'x', start: 26, end: 28 }]
 */
export function scanSqlParameters(sql: string): SqlParameterToken[] {
  const found: SqlParameterToken[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql[i]!;
    const skipped = skipNonCode(sql, i);
    if (skipped !== undefined) {
      i = skipped.end;
    } else if (c === '?') {
      const start = i;
      i++;
      while (i < n && isDigit(sql.charCodeAt(i))) i++;
      found.push({ name: '?', start, end: i });
    } else if (c === '@' && sql[i + 1] === '@') {
      // "@@name" is a MySQL system variable, never a parameter.
      i += 2;
      while (i < n && isNamePart(sql.charCodeAt(i))) i++;
    } else if (c === '$' && i > 0 && isNamePart(sql.charCodeAt(i - 1))) {
      // Part of an identifier, not a prefix.
      i++;
    } else if ((c === ':' || c === '@' || c === '$') && i + 1 < n && isNameStart(sql.charCodeAt(i + 1))) {
      // "::" is a PostgreSQL cast, never a parameter.
      if (c === ':' && sql[i - 1] === ':') {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && isNamePart(sql.charCodeAt(j))) j++;
      found.push({ name: sql.slice(i + 1, j), start: i, end: j });
      i = j;
    } else {
      i++;
    }
  }
  return found;
}

/**
 * What starts at `i` if it is not SQL code: a string literal, a quoted identifier, a comment or a
 * dollar-quoted string, with where it ends. `undefined`: code starts at `i`.
 *
 * @example
 * skipNonCode("a = 'x' -- note", 4) // { end: 7, comment: false }
 */
export function skipNonCode(sql: string, i: number): { end: number; comment: boolean } | undefined {
  const n = sql.length;
  const c = sql[i];
  if (c === "'" || c === '"' || c === '`') return { end: skipQuoted(sql, i, c), comment: false };
  if (c === '[') {
    const end = sql.indexOf(']', i + 1);
    return { end: end < 0 ? n : end + 1, comment: false };
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i + 2);
    return { end: end < 0 ? n : end + 1, comment: true };
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return { end: end < 0 ? n : end + 2, comment: true };
  }
  if (c === '$' && !(i > 0 && isNamePart(sql.charCodeAt(i - 1)))) {
    const tag = dollarTag(sql, i);
    if (tag === undefined) return undefined;
    const end = sql.indexOf(tag, i + tag.length);
    return { end: end < 0 ? n : end + tag.length, comment: false };
  }
  return undefined;
}

/** The opening tag of a PostgreSQL dollar-quoted string (`$$` or `$body$`) at `i`, if one starts there. */
function dollarTag(sql: string, i: number): string | undefined {
  let j = i + 1;
  if (j < sql.length && isNameStart(sql.charCodeAt(j))) {
    while (j < sql.length && isNamePart(sql.charCodeAt(j))) j++;
  }
  return sql[j] === '$' ? sql.slice(i, j + 1) : undefined;
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      // A doubled quote is an escaped quote inside the literal.
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}
