/** SQL text and bindings shared by the PostgreSQL and MySQL sources: named parameters made positional, rows limited. */
import { scanSqlParameters, skipNonCode } from '../vocabulary/sql-params.js';

/** An SQL statement with its named parameters rewritten to the driver's positional ones. */
export interface PositionalSql {
  sql: string;
  /** The lookup item bound at each position, in order: `values[k]` comes from `params[names[k]]`. */
  names: readonly string[];
}

/**
 * Rewrites `:name` / `@name` / `$name` to PostgreSQL's `$1..$n`. A name used twice keeps one
 * position: one value, one type (PostgreSQL types it where it first appears, so write
 * `:nation::text IS NULL OR nation = :nation`). Literals, comments and casts are left alone.
 *
 * @example
 * toPostgresSql('SELECT a FROM t WHERE p = :x OR q = :x::text AND r = :y')
 * // { sql: 'SELECT a FROM t WHERE p = $1 OR q = $1::text AND r = $2', names: ['x', 'y'] }
 */
export function toPostgresSql(sql: string): PositionalSql {
  const names: string[] = [];
  const text = rewrite(sql, (name) => {
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { sql: text, names };
}

/**
 * Rewrites named parameters to MySQL's `?`. `?` has no number, so a name used twice is bound
 * twice: `names` lists one entry per occurrence.
 *
 * @example
 * toMysqlSql("SELECT a FROM t WHERE p = :x AND note <> ':y' OR q = :x")
 * // { sql: "SELECT a FROM t WHERE p = ? AND note <> ':y' OR q = ?", names: ['x', 'x'] }
 */
export function toMysqlSql(sql: string): PositionalSql {
  const names: string[] = [];
  const text = rewrite(sql, (name) => {
    names.push(name);
    return '?';
  });
  return { sql: text, names };
}

/**
 * The values to bind, in `names` order. An item the request did not send binds as `NULL`, so a
 * query can make an item optional (`:nation IS NULL OR nation = :nation`).
 *
 * @example
 * bindValues(['x', 'y', 'x'], { x: '1' }) // ['1', null, '1']
 */
export function bindValues(names: readonly string[], params: Readonly<Record<string, string>>): (string | null)[] {
  return names.map((name) => (Object.hasOwn(params, name) ? params[name]! : null));
}

/**
 * The query limited to `limit` rows, so the server never sends more and the planner knows it.
 * Trailing `;`s and comments are dropped (once, here, not per lookup). A query with no `LIMIT`
 * of its own gets one appended; one that has its own (or `FETCH`/`OFFSET`) is wrapped as a
 * subquery, which then keeps its `ORDER BY` (MariaDB drops the `ORDER BY` of a subquery
 * without `LIMIT`). The new clause goes on its own line so no comment can swallow it.
 *
 * @example
 * limitRows('SELECT a FROM t ORDER BY a; -- newest')(2) // 'SELECT a FROM t ORDER BY a\nLIMIT 2'
 * limitRows('SELECT a FROM t LIMIT 5')(2)              // 'SELECT * FROM (\nSELECT a FROM t LIMIT 5\n) AS custlink_q LIMIT 2'
 */
export function limitRows(sql: string): (limit: number) => string {
  let end = 0;
  let depth = 0;
  let limited = false;
  for (let i = 0; i < sql.length; ) {
    const skipped = skipNonCode(sql, i);
    if (skipped !== undefined) {
      if (!skipped.comment) end = skipped.end;
      i = skipped.end;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 64))?.[0];
    if (word !== undefined) {
      if (depth === 0 && /^(limit|fetch|offset)$/i.test(word)) limited = true;
      i += word.length;
      end = i;
      continue;
    }
    const c = sql[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (!/[\s;]/.test(c)) end = i + 1;
    i++;
  }
  const body = sql.slice(0, end).trim();
  const head = limited ? `SELECT * FROM (\n${body}\n) AS custlink_q LIMIT ` : `${body}\nLIMIT `;
  return (limit) => head + (Number.isSafeInteger(limit) && limit > 0 ? limit : 0);
}

function rewrite(sql: string, replace: (name: string) => string): string {
  let out = '';
  let last = 0;
  for (const token of scanSqlParameters(sql)) {
    // The config check refuses `?`; should one get here, the driver reports it.
    if (token.name === '?') continue;
    out += sql.slice(last, token.start) + replace(token.name);
    last = token.end;
  }
  return out + sql.slice(last);
}
