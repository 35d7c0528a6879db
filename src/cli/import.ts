import { ImportInputError } from '../import/identifiers.js';
import { importCsv, type ImportResult } from '../import/import-csv.js';
import { createProgress } from '../import/progress.js';
import { parseCommand, UsageError, type Command } from './command.js';

export const command: Command = {
  name: 'import',
  usage: `Usage: custlink import FILE.csv --db DB.sqlite [--table T] [--index COLS] [--delimiter C] [--replace | --append]

Loads a CSV file (UTF-8, BOM or not; the first line names the columns) into a SQLite table,
in one transaction: the table changes only if the whole import succeeds. Rows that cannot be
read (wrong number of fields, invalid UTF-8, stray quotes) are skipped and listed by line.
Every column is TEXT (01012345678 keeps its 0); names are letters of any script, digits and _.
  --db FILE        SQLite database (created if missing)
  --table T        table name (default: customers)
  --index COLS     comma-separated columns to index, e.g. phone,email
  --delimiter C    field delimiter, one character (default: ","; "tab" for TSV)
  --replace        drop the table if it exists and create it again
  --append         add rows to the table if it exists

Progress goes to stderr: a bar on a terminal, a line every 5 s otherwise. Exit 0 once the
import is committed (rejected rows listed), 1 if it failed and nothing changed, 2 for a
mistake on the command line or in the header, 130 after Ctrl-C (also rolled back).

Example:
  custlink import customers.csv --db data/customers.sqlite --index phone,email`,
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
        progress: (total) => createProgress(io.stderr, total, { tty: io.stderr.isTTY === true }),
        signal: interrupt.signal,
      });
    } catch (error) {
      if (error instanceof ImportInputError) throw new UsageError(error.message);
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
  const lines = [`imported ${result.rows} rows into ${result.table} (${db}) in ${result.seconds.toFixed(1)} s, ${rate} rows/s`];
  if (result.indexes.length > 0) lines.push(`indexes: ${result.indexes.join(', ')}`);
  lines.push(`rejected ${result.rejected} rows${result.rejected > 0 ? ':' : ''}`);
  for (const r of result.rejects) lines.push(`  line ${r.line}: ${r.reason}`);
  if (result.rejected > result.rejects.length) lines.push(`  ... and ${result.rejected - result.rejects.length} more`);
  return lines.join('\n') + '\n';
}
