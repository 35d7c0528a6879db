import { writeFileSync } from 'node:fs';
import { STARTER_SOURCES, starterConfig, type StarterSource } from '../server/config/starter.js';
import { twoApisStarterConfig } from '../server/config/starter-apis.js';
import { parseCommand, UsageError, type Command } from './command.js';
import { runFromDb } from './init/from-db.js';
import { schemaReference } from './schema-ref.js';

function isStarterSource(value: string): value is StarterSource {
  return (STARTER_SOURCES as readonly string[]).includes(value);
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

custlink init --from-db URL --table [schema.]table --key COLUMN --yes [--out custlink.yaml]
              [--password-env DB_PASSWORD] [--role custlink_ro]
Reads an existing customer database (postgres://, mysql:// or a SQLite file path), samples at
most 200 rows of the table read-only, and writes a config that looks customers up by --key,
with masked result items and 주민등록번호 columns left out. Prints the read-only login's SQL and
any index the key column needs; custlink never changes the database. Without a terminal (or
with CI set), --table, --key and --yes are required.`,
  async run(argv, io) {
    const args = parseCommand(this, argv, io, {
      source: { type: 'string' },
      apis: { type: 'string' },
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
      'from-db': { type: 'string' },
      table: { type: 'string' },
      key: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      'password-env': { type: 'string' },
      role: { type: 'string' },
    });
    if (!args) return 0;
    const fromDb = args.values['from-db'];
    if (fromDb !== undefined) {
      if (args.values.source !== undefined || args.values.apis !== undefined) throw new UsageError('--from-db reads the source type from the URL; leave out --source and --apis');
      return runFromDb(
        {
          target: fromDb,
          ...(args.values.table !== undefined && { table: args.values.table }),
          ...(args.values.key !== undefined && { key: args.values.key }),
          yes: args.values.yes ?? false,
          out: args.values.out ?? 'custlink.yaml',
          force: args.values.force ?? false,
          passwordEnv: args.values['password-env'] ?? 'DB_PASSWORD',
          role: args.values.role ?? 'custlink_ro',
        },
        io,
      );
    }
    for (const flag of ['table', 'key', 'yes', 'password-env', 'role'] as const) {
      if (args.values[flag] !== undefined) throw new UsageError(`--${flag} goes with --from-db URL`);
    }
    const source = args.values.source ?? 'sqlite';
    if (!isStarterSource(source)) throw new UsageError(`--source must be ${STARTER_SOURCES.join(', ')}; got "${source}"`);
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
