import { writeFileSync } from 'node:fs';
import { starterConfig, type StarterSource } from '../server/config/starter.js';
import { twoApisStarterConfig } from '../server/config/starter-apis.js';
import { parseCommand, UsageError, type Command } from './command.js';
import { initFromDb } from './init/from-db.js';
import { schemaReference } from './schema-ref.js';

const SOURCES: readonly StarterSource[] = ['sqlite', 'postgres', 'mysql', 'http'];

function isStarterSource(value: string): value is StarterSource {
  return (SOURCES as readonly string[]).includes(value);
}

export const command: Command = {
  name: 'init',
  usage: `Usage: custlink init [--source sqlite|postgres|mysql|http] [--apis 1|2] [--out custlink.yaml] [--force]

Writes a commented starter config for your own database: edit the lookup items, the query and
the result items, set CUSTLINK_KEY, then run custlink serve.
  --source T   where customers are: sqlite (default), postgres, mysql (or MariaDB), or http (an
               internal API you already run)
  --apis 2     two APIs on one server (회원정보 by phone, 주문정보 by order id; SQLite),
               each with its own path and key
  --out FILE   where to write it (default custlink.yaml)
  --force      overwrite an existing file

From your existing database (PostgreSQL; custlink reads the catalogue and samples at most 200
rows in a READ ONLY transaction, and never runs DDL):
  --from-db URL          postgres://user@host:5432/db (the password from PGPASSWORD or the URL)
  --table SCHEMA.TABLE   the customer table (public when no schema is given)
  --key COLUMN           the column the helpdesk's value is matched with (default: the phone column)
  --include-column C     show a column that looks like a 주민등록번호 (left out otherwise)
  --role NAME            the read-only login the config uses (default custlink_ro)
  --yes                  write the proposal without asking`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, { source: { type: 'string' }, apis: { type: 'string' }, out: { type: 'string', short: 'o' }, force: { type: 'boolean' },
      'from-db': { type: 'string' }, table: { type: 'string' }, key: { type: 'string' }, yes: { type: 'boolean' }, role: { type: 'string' }, 'include-column': { type: 'string', multiple: true } });
    if (!args) return 0;
    const fromDb = args.values['from-db'];
    if (fromDb !== undefined) {
      const out = args.values.out ?? 'custlink.yaml';
      const done = await initFromDb({ url: fromDb, table: args.values.table, key: args.values.key, yes: args.values.yes ?? false, include: args.values['include-column'] ?? [], role: args.values.role, out, force: args.values.force ?? false });
      for (const note of done.notes) io.stdout.write(`note: ${note}\n`);
      io.stdout.write(`wrote ${out}\nRun these as a database owner (custlink never runs DDL), then set DB_PASSWORD and CUSTLINK_KEY:\n`);
      for (const statement of done.statements) io.stdout.write(`  ${statement}\n`);
      io.stdout.write(`next: custlink serve --check --config ${out}\n`);
      return 0;
    }
    const source = args.values.source ?? 'sqlite';
    if (!isStarterSource(source)) throw new UsageError(`--source must be ${SOURCES.join(', ')}; got "${source}"`);
    const apis = args.values.apis ?? '1';
    if (apis !== '1' && apis !== '2') throw new UsageError(`--apis must be 1 or 2 (a starter to copy entries from); got "${apis}"`);
    if (apis === '2' && args.values.source !== undefined && source !== 'sqlite') throw new UsageError('--apis 2 writes a SQLite starter; leave out --source');
    const out = args.values.out ?? 'custlink.yaml';
    // First, so that an editor with the YAML extension completes and checks the file.
    const header = `# yaml-language-server: $schema=${schemaReference(out)}\n`;
    try {
      // "wx" refuses atomically, so a file created meanwhile is not clobbered either.
      writeFileSync(out, header + (apis === '2' ? twoApisStarterConfig(out) : starterConfig(source, out)), { flag: args.values.force ? 'w' : 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new UsageError(`${out} already exists; pass --force to overwrite it`);
      }
      throw error;
    }
    const next = apis === '2' ? 'edit each apis entry, then MEMBERS_KEY=... ORDERS_KEY=...' : 'edit lookup, source and result, then CUSTLINK_KEY=...';
    io.stdout.write(`wrote ${out}; next: ${next} custlink serve --config ${out}\n`);
    return 0;
  },
};
