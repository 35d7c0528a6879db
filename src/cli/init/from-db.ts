/** `custlink init --from-db`: a config for a table the company already has, written from its catalogue. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { databaseStarterConfig } from '../../server/config/starter.js';
import { classifyColumn, storedPhoneForm, typePattern, type ColumnKind } from '../../server/catalog/classify.js';
import { quotePg, readPgTable, type CatalogTable } from '../../server/catalog/pg-catalog.js';
import type { NormalizeSpec } from '../../server/pipeline/normalize.js';
import { UsageError } from '../command.js';

/** The answers `init --from-db` takes as flags (a missing one without a TTY is a usage error naming it). */
export interface FromDbAnswers {
  url: string;
  table?: string;
  key?: string;
  yes: boolean;
  include: string[];
  /** The read-only login to create (default custlink_ro). */
  role?: string;
  out: string;
  force: boolean;
}

/** What it wrote and what the operator must run themselves (custlink never runs DDL). */
export interface FromDbResult {
  config: string;
  statements: string[];
  notes: string[];
}

const LOOKUP_NAME: Partial<Record<ColumnKind, string>> = { phone: 'callNum', email: 'email', memberId: 'memberId' };
const RESULT_NAME: Partial<Record<ColumnKind, string>> = { phone: 'phone', email: 'email', memberId: 'memberId', name: 'userName' };
const MASK: Partial<Record<ColumnKind, string>> = { phone: 'phone', email: 'email', name: 'name' };

/**
 * Reads the table, proposes the lookup and result items and writes the config; answers what to
 * print. PostgreSQL only for now.
 *
 * @example
 * const { statements } = await initFromDb({ url, table: 'crm.member', key: 'hp_no', yes: true, include: [], out: 'custlink.yaml', force: false });
 */
export async function initFromDb(answers: FromDbAnswers): Promise<FromDbResult> {
  const url = new URL(answers.url);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new UsageError(`--from-db: only postgres:// URLs are supported so far; got ${url.protocol}//`);
  if (answers.table === undefined) throw new UsageError('--from-db needs --table SCHEMA.TABLE without a terminal to ask on');
  const [schema, table] = answers.table.includes('.') ? [answers.table.slice(0, answers.table.indexOf('.')), answers.table.slice(answers.table.indexOf('.') + 1)] : ['public', answers.table];
  const read = await readPgTable(answers.url, schema!, table!);
  const kinds = new Map(read.columns.map((c) => [c.name, classifyColumn(c, read.sample.map((r) => r[c.name]).filter((v): v is string => v !== null && v !== undefined))]));
  const key = answers.key ?? read.columns.find((c) => kinds.get(c.name) === 'phone')?.name;
  if (key === undefined) throw new UsageError('--from-db found no phone column: pass --key COLUMN');
  const keyColumn = read.columns.find((c) => c.name === key);
  if (keyColumn === undefined) throw new UsageError(`--key: table ${schema}.${table} has no column ${JSON.stringify(key)} (has ${read.columns.map((c) => c.name).join(', ')})`);
  if (!answers.yes) throw new UsageError('--from-db writes the config only with --yes without a terminal to ask on');
  return writeConfig(read, kinds, keyColumn, answers, url);
}

function writeConfig(read: CatalogTable, kinds: Map<string, ColumnKind>, keyColumn: { name: string; type: string }, answers: FromDbAnswers, url: URL): FromDbResult {
  const keyKind = kinds.get(keyColumn.name)!;
  const item = LOOKUP_NAME[keyKind] ?? 'memberId';
  const keyValues = read.sample.map((r) => r[keyColumn.name]).filter((v): v is string => typeof v === 'string');
  const normalize: NormalizeSpec | undefined = keyKind === 'phone' ? storedPhoneForm(keyValues) : keyKind === 'email' ? 'lower' : 'trim';
  const pattern = typePattern(keyColumn.type);
  const lookup = { [item]: { required: true, maxLength: 64, normalize, ...(pattern === undefined ? {} : { pattern }) } };
  const notes: string[] = [];
  const shown = read.columns.filter((c) => {
    if (c.name === keyColumn.name) return true;
    if (kinds.get(c.name) !== 'rrn') return true;
    if (answers.include.includes(c.name)) {
      notes.push(`${c.name} looks like a 주민등록번호 and is included as asked: the 2-year retention of 접속기록 (audit) then applies`);
      return true;
    }
    notes.push(`${c.name} looks like a 주민등록번호 and is left out (--include-column ${c.name} to show it; the 2-year audit retention then applies)`);
    return false;
  });
  const result: Record<string, unknown> = {};
  shown.forEach((column, i) => {
    const kind = kinds.get(column.name)!;
    const mask = MASK[kind];
    // Item names are identifiers; a Korean column name stays the column, the item gets a name.
    const name = RESULT_NAME[kind] ?? (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(column.name) ? column.name : `item${i + 1}`);
    result[name in result ? `item${i + 1}` : name] = mask === undefined ? column.name : { column: column.name, mask };
  });
  const from = `${quotePg(read.schema)}.${quotePg(read.table)}`;
  const query = `SELECT ${shown.map((c) => quotePg(c.name)).join(', ')} FROM ${from} WHERE ${quotePg(keyColumn.name)} = :${item}`;
  const role = answers.role ?? 'custlink_ro';
  const login = new URL(url.href);
  login.username = role;
  login.password = '${DB_PASSWORD}';
  const source = { type: 'postgres', url: decodeURI(login.href), query, unique: false, poolSize: 10 };
  const config = databaseStarterConfig({ lookup: stringify({ lookup }), source: stringify({ source }), result: stringify({ result }) }, answers.out);
  try {
    writeFileSync(answers.out, config, { flag: answers.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${answers.out} already exists; pass --force to overwrite it`);
    throw error;
  }
  const database = url.pathname.slice(1) || 'postgres';
  const statements = [
    `CREATE ROLE ${quotePg(role)} LOGIN PASSWORD '<a new password>';`,
    `GRANT CONNECT ON DATABASE ${quotePg(decodeURIComponent(database))} TO ${quotePg(role)};`,
    `GRANT USAGE ON SCHEMA ${quotePg(read.schema)} TO ${quotePg(role)};`,
    `GRANT SELECT ON ${from} TO ${quotePg(role)};`,
  ];
  if (!read.indexedFirst.includes(keyColumn.name)) statements.push(`CREATE INDEX ON ${from} (${quotePg(keyColumn.name)});`);
  return { config, statements, notes };
}
