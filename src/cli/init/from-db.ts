import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { CatalogError, classifyColumn, dialectOf, openCatalog, phoneForm, type Catalog, type CatalogTable, type Dialect } from '../../server/catalog/index.js';
import { maskEmail, maskName, maskPhone } from '../../server/pipeline/mask.js';
import { UsageError, type Io } from '../command.js';
import { schemaReference } from '../schema-ref.js';
import { createIndexSql, dbConfigText, lookupItemFor, readOnlyRoleSql, type JudgedColumn } from './db-config.js';

/** At most this many rows are read to judge the columns. */
const SAMPLE_LIMIT = 200;
const LISTED = 10;

/** What `custlink init --from-db` was asked on the command line. */
export interface FromDbOptions {
  /** A postgres:// or mysql:// URL, or a SQLite file path. */
  target: string;
  table?: string;
  key?: string;
  yes: boolean;
  out: string;
  force: boolean;
  passwordEnv: string;
  /** `--include-column`: columns to return that would be left out or commented out. */
  includeColumns?: readonly string[];
  role: string;
}

function interactive(io: Io): boolean {
  const ci = io.env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return false;
  return Boolean((io.stdin as { isTTY?: boolean }).isTTY && io.stdout.isTTY);
}

function listOf(names: string[]): string {
  return names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more` : names.join(', ');
}

/** Questions at a terminal, one readline for the whole wizard so that answers typed ahead are kept. */
interface Prompter {
  /** The next line typed, or undefined once the terminal closed (Ctrl+D) or Ctrl+C was pressed. */
  ask(question: string): Promise<string | undefined>;
  close(): void;
}

function prompter(io: Io): Prompter {
  const rl = createInterface({ input: io.stdin, output: io.stdout as NodeJS.WritableStream });
  const typed: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  const end = () => {
    ended = true;
    for (const resolve of waiting.splice(0)) resolve(undefined);
  };
  rl.on('line', (line) => {
    const resolve = waiting.shift();
    if (resolve) resolve(line);
    else typed.push(line);
  });
  rl.on('close', end);
  // Without a listener readline only pauses on Ctrl+C, and the open database connection keeps the wizard waiting.
  rl.on('SIGINT', () => rl.close());
  return {
    ask(question) {
      io.stdout.write(question);
      if (typed.length > 0) return Promise.resolve(typed.shift());
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}

/**
 * The answer to a question the flag answers, asked at a terminal, or exit 2 naming the flag. At
 * the terminal Enter takes the proposal and a number picks that choice.
 */
async function answer(io: Io, prompt: Prompter | undefined, flag: string, given: string | undefined, choices: string[], what: string, proposal?: string): Promise<string> {
  if (given !== undefined) return given;
  if (!prompt) throw new UsageError(`${flag} is required without a terminal: one of ${listOf(choices)}`);
  io.stdout.write(`${what}:\n${choices.map((c, i) => `  ${i + 1}. ${c}`).join('\n')}\n`);
  const reply = (await prompt.ask(`${what} (${flag})${proposal === undefined ? '' : ` [${proposal}]`}: `))?.trim();
  if (reply === undefined) throw new UsageError(`no answer; pass ${flag}`);
  if (reply === '') {
    if (proposal === undefined) throw new UsageError(`no answer; pass ${flag}`);
    return proposal;
  }
  const picked = /^[0-9]+$/.test(reply) ? choices[Number(reply) - 1] : undefined;
  return picked ?? reply;
}

const tableName = (table: CatalogTable) => (table.schema === 'main' ? table.name : `${table.schema}.${table.name}`);

function findTable(tables: CatalogTable[], wanted: string): CatalogTable {
  const exact = tables.find((t) => `${t.schema}.${t.name}` === wanted || (t.schema === 'main' && t.name === wanted));
  if (exact) return exact;
  const byName = tables.filter((t) => t.name === wanted);
  if (byName.length === 1) return byName[0]!;
  const names = tables.map(tableName);
  if (byName.length > 1) throw new UsageError(`--table ${wanted} is in several schemas; write it as schema.table: one of ${listOf(byName.map(tableName))}`);
  throw new UsageError(`--table ${wanted}: no such table or view; one of ${listOf(names)}`);
}

/** Where the written config reaches the database: the password only ever as `${VARIABLE}`. */
function location(dialect: Dialect, target: string, out: string, role: string, passwordEnv: string): { text: string; database: string } {
  if (dialect === 'sqlite') {
    const path = relative(dirname(resolve(out)), resolve(target)) || target;
    return { text: path, database: '' };
  }
  const url = new URL(target);
  url.searchParams.delete('password');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const search = url.search;
  return { text: `${url.protocol}//${encodeURIComponent(role)}:\${${passwordEnv}}@${url.host}${url.pathname}${search}`, database };
}

function example(column: JudgedColumn, values: string[]): string {
  const first = values.find((v) => v !== '');
  if (first === undefined) return '';
  // Only a masked value is ever printed: this output ends up in tickets and chat.
  if (column.kind === 'phone') return `e.g. ${maskPhone(first)}`;
  if (column.kind === 'email') return `e.g. ${maskEmail(first)}`;
  if (column.kind === 'name') return `e.g. ${maskName(first)}`;
  return '';
}

/**
 * `custlink init --from-db`: reads the catalogue of an existing customer database, samples at
 * most 200 rows of one table in a READ ONLY transaction, and writes a custlink.yaml that looks
 * customers up by the key column, with masked result items and 주민등록번호 left out. It prints
 * the read-only role's SQL and, when the key column has no index, the CREATE INDEX; it never
 * runs DDL itself.
 *
 * @example
 * await runFromDb({ target: 'postgres://me@127.0.0.1/crm', table: 'crm.member', key: 'hp', yes: true, out: 'custlink.yaml', force: false, passwordEnv: 'DB_PASSWORD', role: 'custlink_ro' }, io);
 */
export async function runFromDb(options: FromDbOptions, io: Io): Promise<number> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.passwordEnv)) throw new UsageError(`--password-env must be an environment variable name (letters, digits, _); got "${options.passwordEnv}"`);
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(options.role)) throw new UsageError(`--role must be a plain role name (letters, digits, _); got "${options.role}"`);
  const dialect = dialectOf(options.target);
  if (dialect !== 'sqlite') {
    try {
      if (new URL(options.target).password !== '') io.stderr.write(`note: the password in the URL is used only now; the config gets \${${options.passwordEnv}} instead\n`);
    } catch {
      throw new UsageError('--from-db: not a valid URL; write postgres://user@host:5432/db or mysql://user@host:3306/db');
    }
  }
  let catalog: Catalog;
  try {
    catalog = await openCatalog(options.target);
  } catch (error) {
    if (error instanceof CatalogError) {
      io.stderr.write(`custlink init: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const prompt = interactive(io) ? prompter(io) : undefined;
  try {
    return await plan(catalog, dialect, options, io, prompt);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    io.stderr.write(`custlink init: reading the database failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    prompt?.close();
    await catalog.close().catch(() => {});
  }
}

async function plan(catalog: Catalog, dialect: Dialect, options: FromDbOptions, io: Io, prompt: Prompter | undefined): Promise<number> {
  const tables = (await catalog.tables()).filter((t) => t.columns.length > 0);
  if (tables.length === 0) {
    io.stderr.write('custlink init: this login sees no tables; connect as a user that may read the customer table\n');
    return 1;
  }
  const table = findTable(tables, await answer(io, prompt, '--table', options.table, tables.map(tableName), 'the customer table', tables.length === 1 ? tableName(tables[0]!) : undefined));

  const rows = await catalog.sample(table, SAMPLE_LIMIT);
  const valuesOf = (name: string) => rows.map((r) => r[name]).filter((v): v is string => v !== null && v !== undefined);
  const columns: JudgedColumn[] = table.columns.map((c) => ({ ...c, kind: classifyColumn(c.name, valuesOf(c.name)) }));

  const candidates = [...columns.filter((c) => c.kind === 'phone' || c.kind === 'email' || c.kind === 'member-id'), ...columns.filter((c) => c.kind === 'other' || c.kind === 'name')].map((c) => c.name);
  // The helpdesk sends the caller's number first of all: a phone column is the likeliest key.
  const proposal = (['phone', 'email', 'member-id'] as const).map((kind) => columns.find((c) => c.kind === kind)).find((c) => c !== undefined)?.name;
  const keyName = await answer(io, prompt, '--key', options.key, candidates, 'the column the helpdesk looks customers up by', proposal);
  const key = columns.find((c) => c.name === keyName);
  if (!key) throw new UsageError(`--key ${keyName}: ${tableName(table)} has no such column; one of ${listOf(candidates)}`);
  if (key.kind === 'rrn') throw new UsageError(`--key ${keyName} looks like 주민등록번호 (고유식별정보): a lookup must not use it; one of ${listOf(candidates)}`);

  const include = options.includeColumns ?? [];
  const unknown = include.filter((name) => !columns.some((c) => c.name === name));
  if (unknown.length > 0) throw new UsageError(`--include-column ${unknown.join(', ')}: ${tableName(table)} has no such column; one of ${listOf(columns.map((c) => c.name))}`);
  const leftOut = (column: JudgedColumn) => column.kind === 'rrn' && !include.includes(column.name);

  const keyValues = valuesOf(key.name);
  const form = key.kind === 'phone' ? phoneForm(keyValues) : undefined;
  const numericKey = keyValues.length > 0 && keyValues.every((v) => /^[0-9]+$/.test(v));
  const where = location(dialect, options.target, options.out, options.role, options.passwordEnv);
  const item = lookupItemFor(key.kind);

  io.stdout.write(`${tableName(table)}: ${columns.length} columns, ${rows.length} rows sampled (read only)\n`);
  for (const column of columns) {
    const role = column === key ? `  <- lookup item ${item}${form ? ` (normalize: ${form})` : ''}` : leftOut(column) ? '  left out' : column.kind === 'rrn' ? '  included (--include-column)' : '';
    io.stdout.write(`  ${column.name}  ${column.type}  ${column.kind}${column.kind === 'rrn' ? '' : `  ${example(column, valuesOf(column.name))}`.trimEnd()}${role}\n`);
  }

  const text = `# yaml-language-server: $schema=${schemaReference(options.out)}\n` + dbConfigText({ dialect, location: where.text, table, columns, key, ...(form && { phoneForm: form }), numericKey, file: options.out, include });
  if (!options.yes) {
    if (!prompt) throw new UsageError(`--yes is required without a terminal: it confirms writing ${options.out}`);
    const reply = (await prompt.ask(`write ${options.out}? [y/N] `)) ?? '';
    if (!/^y(es)?$/i.test(reply.trim())) {
      io.stdout.write('nothing written\n');
      return 1;
    }
  }
  try {
    writeFileSync(options.out, text, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${options.out} already exists; pass --force to overwrite it`);
    throw error;
  }
  io.stdout.write(`wrote ${options.out}\n`);

  const rrn = columns.filter(leftOut);
  if (rrn.length > 0) {
    io.stdout.write(
      `note: left out ${rrn.map((c) => c.name).join(', ')}: it looks like 주민등록번호, which is 고유식별정보; ` +
        'if you ever return it (--include-column), the 2-year retention of the access records (접속기록) applies instead of 1 year\n',
    );
  }
  const returned = columns.filter((c) => c.kind === 'rrn' && !leftOut(c));
  if (returned.length > 0) {
    io.stdout.write(
      `note: ${returned.map((c) => c.name).join(', ')} looks like 주민등록번호 (고유식별정보) and is returned masked to the birth date: ` +
        'keep the access records (접속기록) 2 years (audit.keepDays: 730)\n',
    );
  }
  const roleSql = readOnlyRoleSql(dialect, table, options.role, where.database, options.passwordEnv);
  if (roleSql.length > 0) io.stdout.write(`\nA login that can only read ${tableName(table)} (run it as an administrator; custlink never runs DDL):\n${roleSql.map((s) => `  ${s}`).join('\n')}\n`);
  if (!table.indexed.includes(key.name)) {
    io.stdout.write(`\n${key.name} has no index, so every lookup reads the whole table. Create one:\n  ${createIndexSql(dialect, table, key.name)}\n`);
  }
  io.stdout.write(`\nnext: ${options.passwordEnv}=... CUSTLINK_KEY=... custlink serve --config ${options.out} --check\n`);
  return 0;
}
