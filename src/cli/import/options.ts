import { checkEncoding } from '../../import/encoding.js';
import type { Rename } from '../../import/identifiers.js';
import type { ImportOptions } from '../../import/import-options.js';
import { parseNormalize } from '../../import/normalize-columns.js';
import { parseCommand, UsageError, type Command, type Io } from '../command.js';

/** What `import` asks of `importCsv`, less the progress and Ctrl-C hooks the run adds. */
export type ImportArgs = Omit<ImportOptions, 'progress' | 'signal'>;

/**
 * `import`'s flags as `importCsv` options, or `null` when `--help` printed the command's usage.
 * A mistake in them is a `UsageError` (exit 2) found before the CSV file is opened, so a typo in
 * `--normalize` does not cost a long import first.
 *
 * @example
 * importArgs(command, ['customers.csv', '--db', 'customers.sqlite', '--index', 'phone,email'], io)
 * // { file: 'customers.csv', db: 'customers.sqlite', index: ['phone', 'email'], mode: 'create', maxRejectRate: 0.1, ... }
 */
export function importArgs(command: Pick<Command, 'usage'>, argv: string[], io: Io): ImportArgs | null {
  const args = parseCommand(
    command,
    argv,
    io,
    {
      db: { type: 'string' },
      table: { type: 'string' },
      index: { type: 'string', multiple: true },
      delimiter: { type: 'string' },
      normalize: { type: 'string', multiple: true },
      rename: { type: 'string', multiple: true },
      encoding: { type: 'string' },
      'max-rejects': { type: 'string' },
      replace: { type: 'boolean' },
      append: { type: 'boolean' },
    },
    true,
  );
  if (!args) return null;
  const { values, positionals } = args;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'the CSV file is required' : `one CSV file at a time, got ${positionals.length}`);
  }
  if (!values.db) throw new UsageError('--db is required (the SQLite file to import into)');
  if (values.replace && values.append) throw new UsageError('--replace and --append exclude each other');
  let normalize, encoding;
  try {
    normalize = parseNormalize(values.normalize ?? []);
    encoding = checkEncoding(values.encoding ?? 'auto');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const maxRejectRate = rejectRate(values['max-rejects']);
  const rename = (values.rename ?? []).map(parseRename);
  const index = (values.index ?? []).flatMap((v) => v.split(',')).map((c) => c.trim()).filter((c) => c !== '');
  return {
    file: positionals[0]!,
    db: values.db,
    table: values.table,
    index,
    delimiter: values.delimiter,
    mode: values.replace ? 'replace' : values.append ? 'append' : 'create',
    rename,
    normalize,
    encoding,
    maxRejectRate,
  };
}

/**
 * One `--rename OLD=NEW` (the flag repeats; a header name may hold a comma, so one per flag).
 *
 * @example
 * parseRename('휴대폰 번호=phone') // { from: '휴대폰 번호', to: 'phone' }
 */
function parseRename(value: string): Rename {
  const eq = value.indexOf('=');
  const from = value.slice(0, eq);
  const to = value.slice(eq + 1).trim();
  if (eq <= 0 || to === '') throw new UsageError(`--rename takes OLD=NEW (a header name, then the column name to use), got ${JSON.stringify(value)}`);
  return { from, to };
}

/**
 * `--max-rejects` as a share: `5` and `5%` are 0.05, absent is the default 0.1.
 *
 * @example
 * rejectRate('5%') // 0.05
 */
function rejectRate(value: string | undefined): number {
  if (value === undefined) return 0.1;
  const pct = Number(value.replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
    throw new UsageError(`--max-rejects takes a percentage from 0 to 100, got ${JSON.stringify(value)}`);
  }
  return pct / 100;
}
