import { checkEncoding } from '../import/encoding.js';
import { ImportInputError } from '../import/identifiers.js';
import { importCsv } from '../import/import-csv.js';
import { ImportRejectedError, type ImportResult } from '../import/import-result.js';
import { parseNormalize } from '../import/normalize-columns.js';
import { createProgress } from '../import/progress.js';
import { parseCommand, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'import',
  usage: `Usage: custlink import FILE.csv --db DB.sqlite [--table T] [--index COLS] [--normalize COL=SPEC]
                       [--encoding E] [--delimiter C] [--max-rejects PCT] [--replace | --append]

Loads a CSV file (the first line names the columns) into a SQLite table: the table changes only
if the whole import succeeds. An existing database is never rewritten in place: the import is
built in a new file beside it, renamed over the old one at the end, so a running endpoint reads
the old data or the new. Rows that cannot be read (wrong number of fields, bytes the encoding
does not allow, stray quotes) are skipped and listed by line.
Every column is TEXT (01012345678 keeps its 0); names are letters of any script, digits and _.
  --db FILE          SQLite database (created if missing)
  --table T          table name (default: customers)
  --index COLS       comma-separated columns to index, e.g. phone,email
  --normalize C=S    store column C as the endpoint's lookup item normalize S sends it
                     (phone-kr, digits, trim, lower), e.g. phone=phone-kr,fax=digits
  --encoding E       auto (default: a BOM or valid UTF-8 is UTF-8, otherwise CP949, what Excel
                     saves in Korea), utf-8, cp949 or euc-kr (read as CP949)
  --delimiter C      field delimiter, one character (default: ","; "tab" for TSV)
  --max-rejects PCT  import nothing if more than PCT% of the rows are rejected (default 10)
  --replace          drop the table if it exists and create it again
  --append           add rows to the table if it exists

Progress goes to stderr: a bar on a terminal, a line every 5 s otherwise. Exit 0 once the
import is committed (rejected rows listed), 1 if it failed or kept no row or rejected too many
(nothing changed), 2 for a mistake on the command line or in the header, 130 after Ctrl-C.

Example:
  custlink import customers.csv --db data/customers.sqlite --index phone,email --normalize phone=phone-kr`,
  async run(argv, io) {
    const args = parseCommand(
      this,
      argv,
      io,
      {
        db: { type: 'string' },
        table: { type: 'string' },
        index: { type: 'string', multiple: true },
        delimiter: { type: 'string' },
        normalize: { type: 'string', multiple: true },
        encoding: { type: 'string' },
        'max-rejects': { type: 'string' },
        replace: { type: 'boolean' },
        append: { type: 'boolean' },
      },
      true,
    );
    if (!args) return 0;
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
    const maxRejects = rejectRate(values['max-rejects']);
    const index = (values.index ?? []).flatMap((v) => v.split(',')).map((c) => c.trim()).filter((c) => c !== '');
    // Ctrl-C rolls back cleanly rather than leaving SQLite a hot journal to undo on next open.
    const interrupt = new AbortController();
    const onSigint = () => interrupt.abort(new Error('interrupted'));
    process.once('SIGINT', onSigint);
    let result: ImportResult;
    try {
      result = await importCsv({
        file: positionals[0]!,
        db: values.db,
        table: values.table,
        index,
        delimiter: values.delimiter,
        mode: values.replace ? 'replace' : values.append ? 'append' : 'create',
        normalize,
        encoding,
        maxRejectRate: maxRejects,
        progress: (total) => createProgress(io.stderr, total, { tty: io.stderr.isTTY === true }),
        signal: interrupt.signal,
      });
    } catch (error) {
      if (error instanceof ImportInputError) throw new UsageError(error.message);
      if (error instanceof ImportRejectedError) {
        io.stderr.write(`custlink import: ${error.message}; nothing was imported\n${listRejects(error.result)}${hint(error.result)}`);
        return 1;
      }
      if (interrupt.signal.aborted) {
        io.stderr.write('\ncustlink import: interrupted; nothing was imported\n');
        return 130;
      }
      throw new Error(`${error instanceof Error ? error.message : String(error)} (nothing was imported)`, { cause: error });
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    io.stdout.write(report(result, values.db));
    return 0;
  },
};

/**
 * The summary printed after an import.
 *
 * @example
 * report(result, 'data/customers.sqlite') // 'imported 3 rows into customers (data/customers.sqlite) ...'
 */
export function report(result: ImportResult, db: string): string {
  const rate = Math.round(result.rows / Math.max(result.seconds, 0.001));
  const read = result.encoding === 'cp949' ? ', read as CP949' : '';
  const lines = [`imported ${plural(result.rows, 'row')} into ${result.table} (${db}) in ${result.seconds.toFixed(1)} s, ${rate} rows/s${read}`];
  if (result.indexes.length > 0) lines.push(`indexes: ${result.indexes.join(', ')}`);
  return lines.join('\n') + '\n' + listRejects(result);
}

function listRejects(result: ImportResult): string {
  const lines = [`rejected ${plural(result.rejected, 'row')}${result.rejected > 0 ? ':' : ''}`];
  for (const r of result.rejects) lines.push(`  line ${r.line}: ${r.reason}`);
  if (result.rejected > result.rejects.length) lines.push(`  ... and ${result.rejected - result.rejects.length} more`);
  return lines.join('\n') + '\n';
}

function hint(result: ImportResult): string {
  const reasons = result.rejects.map((r) => r.reason);
  if (reasons.some((r) => r.startsWith('not valid'))) {
    return `hint: the file's encoding looks wrong (read as ${result.encoding === 'cp949' ? 'CP949' : 'UTF-8'}); try --encoding utf-8 or --encoding cp949\n`;
  }
  if (reasons.some((r) => r.startsWith('expected'))) return 'hint: rows have another number of fields than the header; check --delimiter (e.g. "tab" or ";")\n';
  if (result.rows + result.rejected === 0) return 'hint: the file holds only its header line\n';
  return 'hint: fix the listed lines, or allow more with --max-rejects PCT\n';
}

/**
 * `1 row`, `2 rows`.
 *
 * @example
 * plural(1, 'row') // '1 row'
 */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function rejectRate(value: string | undefined): number {
  if (value === undefined) return 0.1;
  const pct = Number(value.replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
    throw new UsageError(`--max-rejects takes a percentage from 0 to 100, got ${JSON.stringify(value)}`);
  }
  return pct / 100;
}
