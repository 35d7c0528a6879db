/**
 * The PostgreSQL table of the 접속기록, shared by its writer (`serve`) and its readers
 * (`custlink audit verify|review|search --postgres`): one row per chained line, the line's text
 * kept byte for byte so that its hash can be checked exactly as in a file. The other columns are
 * copies for ordering and range queries; `verify` trusts only `line`.
 */

/** The columns, in INSERT order. */
export const AUDIT_COLUMNS = ['writer', 'segment', 'seq', 'ts', 'type', 'line'] as const;

/** The default table name (`audit.postgres.table`). */
export const DEFAULT_AUDIT_TABLE = 'custlink_audit';

const NAME = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

/**
 * `table` quoted for SQL; throws a `TypeError` for a name the config would refuse.
 *
 * @example
 * quoteTable('audit.custlink_audit') // '"audit"."custlink_audit"'
 */
export function quoteTable(table: string): string {
  if (!NAME.test(table)) throw new TypeError(`not a table name: ${JSON.stringify(table)} (lower-case letters, digits and _, optionally schema.table)`);
  return table.split('.').map((part) => `"${part}"`).join('.');
}

/**
 * The table's CREATE TABLE and its index alone (no roles), as `setupSql` prints them.
 *
 * @example
 * await admin.query(createTableSql('custlink_audit'));
 */
export function createTableSql(table: string): string {
  const quoted = quoteTable(table);
  const index = `${table.replace('.', '_')}_ts`;
  return [
    `CREATE TABLE ${quoted} (`,
    `  writer  text        NOT NULL,  -- audit.writer (-w<N> per serve --workers worker)`,
    `  segment text        NOT NULL,  -- one per start of a writer: its open line's "file"`,
    `  seq     bigint      NOT NULL,  -- position in the writer's chain, continued across starts`,
    `  ts      timestamptz NOT NULL,  -- 접속일시, a copy of the line's ts`,
    `  type    text        NOT NULL,  -- open or lookup`,
    `  line    text        NOT NULL,  -- the chained JSON line, byte for byte (its hash is checked)`,
    `  PRIMARY KEY (writer, segment, seq)`,
    `);`,
    `CREATE INDEX "${index}" ON ${quoted} (ts);`,
  ].join('\n') + '\n';
}

/**
 * The DDL and GRANTs an administrator runs once, as text: the table, its index, an INSERT-only
 * role for `serve` and a SELECT-only role for the reviewers. custlink prints it and never runs it.
 *
 * @example
 * io.stdout.write(setupSql('custlink_audit', 'custlink_audit_writer', 'custlink_audit_reader'));
 */
export function setupSql(table: string, writerRole: string, readerRole: string): string {
  const quoted = quoteTable(table);
  const schema = table.includes('.') ? table.split('.')[0] : undefined;
  for (const role of [writerRole, readerRole]) quoteTable(role);
  const lines = [
    `-- 접속기록 (access records) of custlink serve: run once as the table's owner (not as custlink).`,
    ...(schema === undefined ? [] : [`CREATE SCHEMA IF NOT EXISTS "${schema}";`]),
    createTableSql(table).trimEnd(),
    ``,
    `-- serve writes as a role that may only INSERT: no UPDATE, DELETE or SELECT.`,
    `CREATE ROLE "${writerRole}" LOGIN PASSWORD 'change me';`,
    ...(schema === undefined ? [] : [`GRANT USAGE ON SCHEMA "${schema}" TO "${writerRole}";`]),
    `GRANT INSERT ON ${quoted} TO "${writerRole}";`,
    ``,
    `-- custlink audit verify|review|search read as a role that may only SELECT.`,
    `CREATE ROLE "${readerRole}" LOGIN PASSWORD 'change me too';`,
    ...(schema === undefined ? [] : [`GRANT USAGE ON SCHEMA "${schema}" TO "${readerRole}";`]),
    `GRANT SELECT ON ${quoted} TO "${readerRole}";`,
    ``,
    `-- Retention (keepDays) is the owner's job, custlink's roles cannot delete: e.g. monthly`,
    `-- DELETE FROM ${quoted} WHERE ts < now() - interval '365 days';`,
  ];
  return lines.join('\n') + '\n';
}
