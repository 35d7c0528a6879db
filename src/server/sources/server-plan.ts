/** Whether a PostgreSQL or MySQL source's query reaches its rows through an index, from the server's EXPLAIN. */
import type { ApiEndpointConfig } from '../config/types.js';
import type { Row, Source } from '../types.js';
import { comparedColumn } from './normalize-check.js';
import { toMysqlSql, toPostgresSql } from './positional-sql.js';
import type { SqlServerSource } from './sql-server.js';

/**
 * A value of the lookup item's own type for EXPLAIN: the planner types a parameter from the
 * column it is compared with, so a uuid or date column needs a uuid or a date, not a phone.
 *
 * @example
 * dummyValue('^[0-9]{4}-[0-9]{2}-[0-9]{2}$') // '2000-01-01'
 */
export function dummyValue(pattern: string | undefined): string {
  if (pattern?.includes('[0-9a-fA-F]{8}')) return '00000000-0000-0000-0000-000000000000';
  if (pattern?.includes('[0-9]{4}-[0-9]{2}-[0-9]{2}')) return '2000-01-01';
  return '0';
}

/**
 * The tables the server's plan reads in full: PostgreSQL `Seq Scan` nodes of `EXPLAIN (FORMAT
 * JSON)`, MySQL/MariaDB rows of `EXPLAIN` with access type `ALL`.
 *
 * @example
 * fullScanTables('postgres', [{ 'QUERY PLAN': [{ Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 'member' } }] }]) // ['member']
 */
export function fullScanTables(type: 'postgres' | 'mysql', rows: readonly Row[]): string[] {
  const tables = new Set<string>();
  if (type === 'mysql') {
    for (const row of rows) if (String(row.type).toUpperCase() === 'ALL' && typeof row.table === 'string') tables.add(`\`${row.table.replaceAll('`', '``')}\``);
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
    const compared = [...new Set(names)].map((name) => comparedColumn(sql.query, name)?.column.replace(/^.*\.\s*/, '')).filter((c) => c !== undefined);
    const columns = compared.length === 0 ? '<the column compared with the lookup item>' : [...new Set(compared)].join(', ');
    return fullScanTables(sql.type, rows).map(
      (table) =>
        `source.query reads every row of ${table} on each lookup (the ${sql.type === 'postgres' ? 'PostgreSQL' : 'MySQL'} plan has no index for it): ` +
        `run ${sql.type === 'postgres' ? `CREATE INDEX ON ${table} (${columns})` : `CREATE INDEX custlink_lookup ON ${table} (${columns})`}`,
    );
  } catch (error) {
    return [`source.query: the plan was not checked: EXPLAIN failed: ${(error as Error).message}`];
  }
}
