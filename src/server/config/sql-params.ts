/**
 * The named parameters (`:name`, `@name`, `$name`) of an SQL statement, skipping string
 * literals, quoted identifiers and comments. A positional `?` is reported as `'?'`: custlink
 * binds lookup items by name only, so the config check can refuse it.
 *
 * @example
 * sqlParameters("SELECT name FROM customers WHERE phone = :callNum AND note <> ':x'") // ['callNum']
 */
export function sqlParameters(sql: string): string[] {
  const found = new Set<string>();
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(sql, i, c);
    } else if (c === '[') {
      const end = sql.indexOf(']', i + 1);
      i = end < 0 ? n : end + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '?') {
      found.add('?');
      i++;
      while (i < n && isDigit(sql.charCodeAt(i))) i++;
    } else if ((c === ':' || c === '@' || c === '$') && i + 1 < n && isNameStart(sql.charCodeAt(i + 1))) {
      // "::" is a PostgreSQL cast, never a parameter.
      if (c === ':' && sql[i - 1] === ':') {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && isNamePart(sql.charCodeAt(j))) j++;
      found.add(sql.slice(i + 1, j));
      i = j;
    } else {
      i++;
    }
  }
  return [...found];
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
