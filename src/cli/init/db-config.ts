import type { CatalogTable, ColumnKind, Dialect, PhoneForm } from '../../server/catalog/index.js';
import { quoteIdentifier } from '../../server/catalog/index.js';
import { starterListenAuth } from '../../server/config/starter.js';

/** One column as `init --from-db` judged it. */
export interface JudgedColumn {
  name: string;
  type: string;
  kind: ColumnKind;
}

/** Everything the written config is made of. */
export interface DbConfigPlan {
  dialect: Dialect;
  /** The `source.url` (or `source.file` for SQLite) exactly as written, `${...}` included. */
  location: string;
  table: CatalogTable;
  columns: JudgedColumn[];
  key: JudgedColumn;
  /** For a phone key: how the database stores the numbers. */
  phoneForm?: PhoneForm;
  /** For a member-id key: every sampled value was digits. */
  numericKey?: boolean;
  /** The config file's name, for the header comment. */
  file: string;
  /** Columns to return although they would be left out or commented out (`--include-column`). */
  include?: readonly string[];
}

const ITEM_OF: Partial<Record<ColumnKind, string>> = { phone: 'callNum', email: 'email' };
const RESULT_OF: Partial<Record<ColumnKind, string>> = { name: 'userName', phone: 'phone', email: 'email', 'member-id': 'memberId' };
const MASK_OF: Partial<Record<ColumnKind, string>> = { name: 'name', phone: 'phone', email: 'email' };
const PATTERN_OF: Record<PhoneForm, string> = {
  'phone-kr': '^0[0-9]{8,10}$',
  'phone-kr-dashed': '^0[0-9]{1,2}-[0-9]{3,4}-[0-9]{4}$',
};

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
// Calendar days only, 02-29 in leap years only, no year 0000: PostgreSQL refuses 2026-02-30 as it
// refuses a phone, with an error that quotes the value.
const DATE =
  '^(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))' +
  '|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';
// Digit counts stay below each type's range: an out-of-range value is an error the server logs with the value in it.
const TYPED: [RegExp, string][] = [
  [/^(smallint|int2|tinyint|smallserial)\b/i, '^[0-9]{1,4}$'],
  [/^(integer|int|int4|mediumint|serial)\b/i, '^[0-9]{1,9}$'],
  [/^(bigint|int8|bigserial)\b/i, '^[0-9]{1,18}$'],
  [/^date$/i, DATE],
  [/^uuid$/i, UUID],
];

/**
 * The pattern a lookup item compared with a typed column needs: the database server refuses a
 * value of another form with an error that quotes the value into its own log
 * (`invalid input syntax for type bigint: "010-..."`), so such values must be refused with 400
 * before the query. Text columns need none.
 *
 * @example
 * typedPattern('bigint')      // '^[0-9]{1,18}$'
 * typedPattern('varchar(20)') // undefined
 */
function typedPattern(type: string): string | undefined {
  return TYPED.find(([test]) => test.test(type.trim()))?.[1];
}

/**
 * The lookup item (조회 항목) name proposed for a key column: `callNum` for a phone (the
 * helpdesk's own name for the caller's number), `email`, or else `memberId`.
 *
 * @example
 * lookupItemFor('phone') // 'callNum'
 */
export function lookupItemFor(kind: ColumnKind): string {
  return ITEM_OF[kind] ?? 'memberId';
}

// JSON strings are YAML double-quoted scalars: Korean stays verbatim, quotes and backslashes escaped.
const y = (text: string) => JSON.stringify(text);

function uniqueKey(base: string, taken: Set<string>): string {
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}${i}`;
  taken.add(key);
  return key;
}

function asItemName(column: string, index: number): string {
  const ascii = column.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_');
  return /[A-Za-z]/.test(ascii) ? ascii.slice(0, 64) : `column${index + 1}`;
}

/**
 * The custlink.yaml for one table of an existing database: the key column as the lookup item,
 * normalised to the form the database stores; name, phone, e-mail and member-id columns as
 * masked result items; other columns as commented-out items to opt into; 주민등록번호-looking
 * columns left out entirely, unless `include` names them (then masked to the birth date). The
 * password is only ever a `${VARIABLE}`.
 *
 * @example
 * writeFileSync('custlink.yaml', dbConfigText(plan));
 */
export function dbConfigText(plan: DbConfigPlan): string {
  const q = (name: string) => quoteIdentifier(plan.dialect, name);
  const item = lookupItemFor(plan.key.kind);
  const taken = new Set<string>();
  const shown: { key: string; column: JudgedColumn }[] = [];
  const optional: { key: string; column: JudgedColumn }[] = [];
  const include = new Set(plan.include);
  plan.columns.forEach((column, index) => {
    if (column.kind === 'rrn' && !include.has(column.name)) return;
    const asked = include.has(column.name) ? (column.kind === 'rrn' ? 'residentNo' : asItemName(column.name, index)) : undefined;
    const base = RESULT_OF[column.kind] ?? asked;
    if (base) shown.push({ key: uniqueKey(base, taken), column });
    else optional.push({ key: uniqueKey(asItemName(column.name, index), taken), column });
  });
  if (shown.length === 0) shown.push({ key: uniqueKey(RESULT_OF[plan.key.kind] ?? 'memberId', taken), column: plan.key });

  const from = plan.dialect === 'sqlite' ? q(plan.table.name) : `${q(plan.table.schema)}.${q(plan.table.name)}`;
  const query = `SELECT ${shown.map((s) => q(s.column.name)).join(', ')} FROM ${from} WHERE ${q(plan.key.name)} = :${item}`;

  const lookup = [`  ${item}:`, '    required: true'];
  if (plan.key.kind === 'phone') {
    const form = plan.phoneForm ?? 'phone-kr';
    lookup.push('    maxLength: 20', `    normalize: ${form}    # ${form === 'phone-kr' ? '"+82 10-1234-5678" -> "01012345678"' : '"+82 10 1234 5678" -> "010-1234-5678"'}, as ${y(plan.key.name)} stores it`);
    lookup.push(`    pattern: ${y(PATTERN_OF[form])}`);
  } else if (plan.key.kind === 'email') {
    lookup.push('    maxLength: 254', '    normalize: lower');
  } else {
    lookup.push('    maxLength: 64', '    normalize: trim');
    const typed = typedPattern(plan.key.type);
    if (typed) lookup.push(`    pattern: ${y(typed)}    # ${y(plan.key.name)} is ${plan.key.type}: other values are refused before the query`);
    else if (plan.numericKey) lookup.push(`    pattern: ${y('^[0-9]+$')}`);
  }

  const result = shown.map(({ key, column }) => {
    const mask = MASK_OF[column.kind];
    // 주민등록번호 asked for: the birth date only (900101-*******), as Korean screens show it.
    if (column.kind === 'rrn') return `  ${key}: { column: ${y(column.name)}, mask: { keepFirst: 6, keepLast: 0 } }   # 고유식별정보: 접속기록 2년 보관`;
    return `  ${key}: { column: ${y(column.name)}${mask ? `, mask: ${mask}` : ''} }`;
  });
  const extra = optional.map(({ key, column }) => `  # ${key}: { column: ${y(column.name)} }   # ${column.type}; add it to the query too`);

  const source =
    plan.dialect === 'sqlite'
      ? ['  type: sqlite             # opened read-only', `  file: ${y(plan.location)}`]
      : [`  type: ${plan.dialect}${plan.dialect === 'postgres' ? '           # lookups run read-only' : '              # MySQL or MariaDB; lookups run read-only'}`, `  url: ${y(plan.location)}`];

  return `# custlink endpoint for ${y(`${plan.table.schema}.${plan.table.name}`)}, written by custlink init --from-db.
# Start it with:  CUSTLINK_KEY=... custlink serve --config ${plan.file}

${starterListenAuth()}

lookup:                    # 조회 항목: what the helpdesk sends, checked before any query runs
${lookup.join('\n')}

source:
${source.join('\n')}
  # Values are always bound, never spliced. custlink never changes the database.
  query: ${y(query)}
  unique: false            # true: several matching rows answer 400 instead of the first row

result:                    # 결과 항목: key shown in the helpdesk -> column of the query
${[...result, ...extra].join('\n')}

log:
  level: info              # lookup and result values are never logged
`;
}

/**
 * The SQL a DBA runs once for a login that can only read this table (custlink never runs DDL):
 * PostgreSQL CREATE ROLE and GRANTs, MySQL CREATE USER and GRANT SELECT; nothing for SQLite,
 * whose file custlink opens read-only.
 *
 * @example
 * readOnlyRoleSql('postgres', table, 'custlink_ro', 'crm', 'DB_PASSWORD')
 */
export function readOnlyRoleSql(dialect: Dialect, table: CatalogTable, role: string, database: string, passwordEnv: string): string[] {
  const q = (name: string) => quoteIdentifier(dialect, name);
  if (dialect === 'postgres') {
    return [
      `CREATE ROLE ${q(role)} LOGIN PASSWORD 'CHANGE_ME';  -- the password you put in ${passwordEnv}`,
      ...(database ? [`GRANT CONNECT ON DATABASE ${q(database)} TO ${q(role)};`] : []),
      `GRANT USAGE ON SCHEMA ${q(table.schema)} TO ${q(role)};`,
      `GRANT SELECT ON ${q(table.schema)}.${q(table.name)} TO ${q(role)};`,
    ];
  }
  if (dialect === 'mysql') {
    const user = `'${role.replaceAll("'", "''")}'@'%'`;
    return [`CREATE USER ${user} IDENTIFIED BY 'CHANGE_ME';  -- the password you put in ${passwordEnv}`, `GRANT SELECT ON ${q(table.schema)}.${q(table.name)} TO ${user};`];
  }
  return [];
}

/**
 * The index the key column needs, when it leads none: without it every lookup scans the table.
 * PostgreSQL builds it CONCURRENTLY so that the table stays writable meanwhile.
 *
 * @example
 * createIndexSql('postgres', table, '휴대폰') // 'CREATE INDEX CONCURRENTLY "회원_휴대폰_idx" ON "crm"."회원" ("휴대폰");'
 */
export function createIndexSql(dialect: Dialect, table: CatalogTable, column: string): string {
  const q = (name: string) => quoteIdentifier(dialect, name);
  const name = q(`${table.name}_${column}_idx`.slice(0, 60));
  const on = dialect === 'sqlite' ? q(table.name) : `${q(table.schema)}.${q(table.name)}`;
  return `CREATE INDEX ${dialect === 'postgres' ? 'CONCURRENTLY ' : ''}${name} ON ${on} (${q(column)});`;
}
