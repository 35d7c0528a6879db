import { ImportInputError } from '../import/identifiers.js';
import { importCsv } from '../import/import-csv.js';
import { ImportRejectedError, type ImportResult } from '../import/import-result.js';
import { createProgress } from '../import/progress.js';
import { UsageError, type Command } from './command.js';
import { importArgs } from './import/options.js';
import { hint, listRejects, report } from './import/report.js';

export const command: Command = {
  name: 'import',
  usage: `Usage: custlink import FILE.csv --db DB.sqlite [--table T] [--index COLS] [--normalize COL=SPEC]
                       [--rename OLD=NEW] [--encoding E] [--delimiter C] [--max-rejects PCT]
                       [--replace | --append]

Loads a CSV file (the first line names the columns) into a SQLite table: the table changes only
if the whole import succeeds. An existing database is never rewritten in place: the import is
built in a new file beside it, renamed over the old one at the end, so a running endpoint reads
the old data or the new. Rows that cannot be read (wrong number of fields, bytes the encoding
does not allow, stray quotes) are skipped and listed by line; rows of only empty fields (Excel's
,,,, below the data) are skipped and counted, and so are empty names at the end of the header.
Every column is TEXT (01012345678 keeps its 0). A column name starts with a letter or _ and holds
letters of any script, digits, spaces and _ - . ( ) (휴대폰 번호, E-mail, 가입일(YYYY-MM-DD));
every bad header name is listed at once.
  --db FILE          SQLite database (created if missing)
  --table T          table name (default: customers)
  --index COLS       comma-separated columns to index, e.g. phone,email
  --normalize C=S    store column C as the endpoint's lookup item normalize S sends it
                     (phone-kr, digits, trim, lower), e.g. phone=phone-kr,fax=digits
  --rename OLD=NEW   use NEW for the header's OLD column (repeat the flag for each), e.g.
                     --rename '2차 연락처=phone2'; --index and --normalize name NEW
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
    const args = importArgs(this, argv, io);
    if (!args) return 0;
    // Ctrl-C rolls back cleanly rather than leaving SQLite a hot journal to undo on next open.
    const interrupt = new AbortController();
    const onSigint = () => interrupt.abort(new Error('interrupted'));
    process.once('SIGINT', onSigint);
    let result: ImportResult;
    try {
      result = await importCsv({
        ...args,
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
    io.stdout.write(report(result, args.db));
    return 0;
  },
};
