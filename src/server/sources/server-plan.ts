/** Whether a PostgreSQL or MySQL source's query reaches its rows through an index, from the server's EXPLAIN. */
import type { ApiEndpointConfig } from '../config/types.js';
import type { Row, Source } from '../types.js';
import { comparedColumn } from './normalize-check.js';
import { toMysqlSql, toPostgresSql } from './positional-sql.js';
import type { SqlServerSource } from './sql-server.js';

/** A number, a date and a uuid: one of them fits the pattern of an item compared with a typed column. */
const DUMMIES = ['0', '2000-01-01', '00000000-0000-0000-0000-000000000000'];

/**
 * A value of the lookup item's own type for EXPLAIN: the planner types a parameter from the
 * column it is compared with, so a uuid or date column needs a uuid or a date, not a phone.
 * The first of a number, a date and a uuid that the item's pattern takes; else `'0'`.
 *
 * @example
 * dummyValue('^[0-9]{4}-[0-9]{2}-[0-9]{2}$') // '2000-01-01'
 */
function dummyValue(pattern: string | undefined): string {
  if (pattern === undefined) return '0';
  const fits = new RegExp(pattern);
  return DUMMIES.find((value) => fits.test(value)) ?? '0';
}

/**
 * The tables the server's plan reads in full: PostgreSQL `Seq Scan` nodes of `EXPLAIN (FORMAT
 * JSON)`, MySQL/MariaDB rows of `EXPLAIN` with access type `ALL`.
 *
 * @example
 * fullScanTables('postgres', [{ 'QUERY PLAN': [{ Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 'member' } }] }]) // ['member']
 */
function fullScanTables(type: 'postgres' | 'mysql', rows: readonly Row[], query = ''): string[] {
  const tables = new Set<string>();
  if (type === 'mysql') {
    // MySQL's EXPLAIN names only the table; the query's `db`.`table` keeps the CREATE INDEX right when the URL's database is another one.
    const qualified = new Map([...query.matchAll(/`((?:[^`]|``)+)`\s*\.\s*`((?:[^`]|``)+)`/g)].map((m) => [m[2]!.replaceAll('``', '`'), `\`${m[1]}\`.\`${m[2]}\``]));
    for (const row of rows) {
      if (String(row.type).toUpperCase() !== 'ALL' || typeof row.table !== 'string') continue;
      tables.add(qualified.get(row.table) ?? `\`${row.table.replaceAll('`', '``')}\``);
    }
    return [...tables];
  }
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const plan = node as Record<string, unknown>;
    if (plan['Node Type'] === 'Seq Scan' && typeof plan['Relation Name'] === 'string') {
      const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
      tables.add(typeof plan.Schema === 'string' ? `${quote(plan.Schema)}.${quote(plan['Relation Name'])}` : quote(plan['Relation Name']));
    }
    Object.values(plan).forEach(walk);
  };
  for (const row of rows) walk(typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN']);
  return [...tables];
}

// Only the dummy values this check binds: a literal of the query itself ('2020-01-01'::date) says nothing about the items.
const TYPED = /'(?:0|2000-01-01|00000000-0000-0000-0000-000000000000)'::(bigint|integer|smallint|numeric|date|uuid)\b/g;

/**
 * The column types the PostgreSQL plan casts the bound lookup values to (`'0'::bigint`): a value
 * of another form would fail in the server, and the server writes that value into its own log.
 *
 * @example
 * typedCasts([{ 'QUERY PLAN': [{ Plan: { 'Index Cond': "(m.mem_no = '0'::bigint)" } }] }]) // ['bigint']
 */
function typedCasts(rows: readonly Row[]): string[] {
  const text = rows.map((row) => (typeof row['QUERY PLAN'] === 'string' ? row['QUERY PLAN'] : JSON.stringify(row['QUERY PLAN']))).join('\n');
  return [...new Set([...text.matchAll(TYPED)].map((m) => m[1]!))];
}

function unpatternedWarning(config: ApiEndpointConfig, names: readonly string[], type: string): string[] {
  const bare = [...new Set(names)].filter((name) => config.lookup[name]?.pattern === undefined);
  return bare.map(
    (name) =>
      `lookup.${name} is compared with a ${type} column but has no pattern: a value of another form reaches the database, which logs it in its error ("invalid input syntax for type ${type}"); ` +
      'add a pattern (custlink init --from-db writes one) so that it is refused with 400 before the query',
  );
}

/**
 * One warning per table a PostgreSQL/MySQL source's query reads in full, with the CREATE INDEX
 * to run (custlink never runs DDL). EXPLAIN runs through the open source (its read-only
 * session), each parameter bound with a dummy value of its item's type. Never throws.
 *
 * @example
 * for (const warning of await serverPlanWarnings(config, source)) logger.warn(warning);
 */
export async function serverPlanWarnings(config: ApiEndpointConfig, source: Source): Promise<string[]> {
  const sql = config.source;
  if ((sql.type !== 'postgres' && sql.type !== 'mysql') || !('read' in source)) return [];
  const { read } = source as SqlServerSource;
  const { sql: text, names } = (sql.type === 'postgres' ? toPostgresSql : toMysqlSql)(sql.query);
  const values = names.map((name) => dummyValue(config.lookup[name]?.pattern));
  try {
    const explain = sql.type === 'postgres' ? `EXPLAIN (FORMAT JSON, VERBOSE) ${text}` : `EXPLAIN ${text}`;
    const rows = await read({ text: explain, values }, AbortSignal.timeout(5_000));
    const typed = sql.type === 'postgres' ? typedCasts(rows).flatMap((type) => unpatternedWarning(config, names, type)) : [];
    const compared = [...new Set(names)].map((name) => comparedColumn(sql.query, name)?.column.replace(/^.*\.\s*/, '')).filter((c) => c !== undefined);
    const columns = compared.length === 0 ? '<the column compared with the lookup item>' : [...new Set(compared)].join(', ');
    return [...typed, ...fullScanTables(sql.type, rows, sql.query).map(
      (table) =>
        `source.query reads every row of ${table} on each lookup (the ${sql.type === 'postgres' ? 'PostgreSQL' : 'MySQL'} plan has no index for it): ` +
        `run ${sql.type === 'postgres' ? `CREATE INDEX ON ${table} (${columns})` : `CREATE INDEX custlink_lookup ON ${table} (${columns})`}`,
    )];
  } catch (error) {
    // The dummy value itself did not fit: the column is typed, and so must the item's pattern be.
    const type = /invalid input syntax for type (\w+)/.exec((error as Error).message)?.[1];
    if (type !== undefined) return unpatternedWarning(config, names, type);
    return [`source.query: the plan was not checked: EXPLAIN failed: ${(error as Error).message}`];
  }
}
