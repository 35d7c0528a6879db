/**
 * When a database refuses a source's query for a name it does not know, what it does know: the
 * columns of the tables the query reads, or the tables there are. A person fixing the config
 * should not need a second client open to find that `name` is called `mem_nm` here.
 */
import type { CatalogTable, Dialect } from '../catalog/index.js';

/** What a refusal says is missing: a column or a table, and its name where the message gives it. */
export interface Missing {
  kind: 'column' | 'table';
  name?: string;
}

// PostgreSQL SQLSTATEs 42703 undefined_column, 42P01 undefined_table; MySQL/MariaDB errno 1054
// ER_BAD_FIELD_ERROR, 1146 ER_NO_SUCH_TABLE; SQLite says it in words only.
const CODES: Record<string, Missing['kind']> = { '42703': 'column', '42P01': 'table' };
const ERRNOS: Record<number, Missing['kind']> = { 1054: 'column', 1146: 'table' };
// The name as each server quotes it: `relation "x"`, `Table 'db.x'`, `no such table: main.x`.
const NAMED = [/(?:relation|column) "((?:[^"]|"")+)"/, /(?:Table|column) '([^']+)'/, /^no such (?:table|column): (\S+)/];

/**
 * Whether a database's refusal of a query is an unknown column or table, and which.
 *
 * @example
 * missingName(Object.assign(new Error('column "nmae" does not exist'), { code: '42703' })) // { kind: 'column', name: 'nmae' }
 * missingName(new Error('no such table: membr'))                                         // { kind: 'table', name: 'membr' }
 */
export function missingName(error: unknown): Missing | undefined {
  const { code, errno, message } = (error ?? {}) as { code?: unknown; errno?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  const kind =
    (typeof code === 'string' ? CODES[code] : undefined) ??
    (typeof errno === 'number' ? ERRNOS[errno] : undefined) ??
    (text.startsWith('no such column:') ? 'column' : text.startsWith('no such table:') ? 'table' : undefined);
  if (kind === undefined) return undefined;
  const quoted = NAMED.map((pattern) => pattern.exec(text)?.[1]).find((name) => name !== undefined);
  // A qualified name (`db.x`, `main.x`) is compared by its last part.
  return quoted === undefined ? { kind } : { kind, name: quoted.split('.').at(-1)! };
}

/** At most this many names in a message: a schema of 800 tables is a list nobody reads. */
const SHOWN = 40;

/**
 * The sentence to add to a refusal: for a missing column the columns of the tables `query` reads
 * (found by their names after FROM and JOIN), for a missing table, or a query whose tables are
 * not found, the tables of `schema` (every schema when it is `undefined`).
 *
 * @example
 * whatExists({ kind: 'column', name: 'name' }, 'SELECT name FROM member WHERE hp = :callNum', tables, 'postgres')
 * // 'member has the columns: mem_no, mem_nm, hp_no'
 */
export function whatExists(missing: Missing, query: string, tables: readonly CatalogTable[], dialect: Dialect, schema?: string): string {
  const read = missing.kind === 'column' ? tablesRead(query, tables, dialect) : [];
  if (read.length > 0) return read.map((table) => `${shownName(table, tables)} has the columns: ${list(table.columns.map((c) => c.name))}`).join('; ');
  const inSchema = tables.filter((t) => schema === undefined || t.schema === schema);
  if (inSchema.length === 0) return schema === undefined ? 'the database has no tables this login can see' : `${schema} has no tables this login can see`;
  const near = missing.name === undefined ? inSchema : nearestFirst(inSchema, missing.name.toLowerCase());
  return `the tables are: ${list(near.map((t) => shownName(t, inSchema)))}`;
}

/** The tables whose names begin most like `missing` first (`membr` → `member`), the rest by name. */
function nearestFirst(tables: CatalogTable[], missing: string): CatalogTable[] {
  const shared = (name: string): number => {
    const lower = name.toLowerCase();
    let n = 0;
    while (n < lower.length && n < missing.length && lower[n] === missing[n]) n++;
    return n;
  };
  return [...tables].sort((a, b) => shared(b.name) - shared(a.name) || a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name));
}

function list(names: string[]): string {
  return names.length <= SHOWN ? names.join(', ') : `${names.slice(0, SHOWN).join(', ')} and ${names.length - SHOWN} more`;
}

/** `schema.name` where a bare name would be ambiguous or is in another schema than most. */
function shownName(table: CatalogTable, all: readonly CatalogTable[]): string {
  const schemas = new Set(all.map((t) => t.schema));
  return schemas.size > 1 ? `${table.schema}.${table.name}` : table.name;
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|\x60(?:[^\x60]|\x60\x60)+\x60|[\p{L}\p{N}_$]+)`;
const FROM = new RegExp(String.raw`\b(?:FROM|JOIN)\s+(${IDENT})(?:\s*\.\s*(${IDENT}))?`, 'giu');

/** The catalogue's tables that `query` names after FROM or JOIN, compared as the dialect folds names. */
function tablesRead(query: string, tables: readonly CatalogTable[], dialect: Dialect): CatalogTable[] {
  const found = new Set<CatalogTable>();
  for (const [, first, second] of query.matchAll(FROM)) {
    const [schema, name] = second === undefined ? [undefined, first!] : [first, second];
    for (const table of tables) {
      if (sameName(name, table.name, dialect) && (schema === undefined || sameName(schema, table.schema, dialect))) found.add(table);
    }
  }
  return [...found];
}

/** Quoted names match as written; bare ones as the server folds them (PostgreSQL: lower case). */
function sameName(written: string, actual: string, dialect: Dialect): boolean {
  if (/^["\x60]/.test(written)) return written.slice(1, -1).replaceAll(written[0]! + written[0]!, written[0]!) === actual;
  return dialect === 'postgres' ? written.toLowerCase() === actual : written.toLowerCase() === actual.toLowerCase();
}
