import { createReadStream } from 'node:fs';
import { parseErrorReason, recordParser } from './csv-parser.js';
import { ImportInputError } from './identifiers.js';
import { lineBreaks, offsetAfterBreaks } from './lines.js';
import { Utf8Checker } from './utf8.js';

/** A record that was not imported: the physical line it starts on, and why. */
export interface Reject {
  line: number;
  reason: string;
}

/**
 * What the reader yields: the header first, then batches of good rows, each with as many values
 * as the header has names. `rejected` counts all rejected records so far, `rejects` lists new ones
 * (only the first `LISTED_REJECTS` of the file), `blank` counts the rows of only empty fields
 * skipped so far, `bytes` is how far the file has been read.
 */
export type ReadEvent =
  | { type: 'header'; fields: string[] }
  | { type: 'batch'; rows: string[][]; rejects: Reject[]; rejected: number; blank: number; bytes: number };

export interface ReadOptions {
  delimiter?: string;
  /** A batch is yielded once it holds this many rows (checked after each 64 KiB read). */
  batchRows?: number;
  /** A record longer than this is rejected, so an unclosed quote cannot swallow the whole file. */
  maxRecordBytes?: number;
  /**
   * Called with the header; the function it returns is called with each row of the right width
   * (it may change the values in place), and a string it returns rejects the row with that reason.
   */
  rowCheck?: (header: readonly string[]) => ((row: string[]) => string | undefined) | undefined;
}

/** How many rejected lines are listed; the rest are only counted. */
export const LISTED_REJECTS = 20;

/**
 * Streams a UTF-8 CSV file (BOM or not) and yields its header, then batches of rows that have
 * as many fields as the header. Rows of only empty fields (what Excel writes below the data) are
 * skipped and counted. Empty names at the end of the header (`id,name,,`) are dropped, with the
 * fields under them, as long as those fields are empty too. Bad records (wrong field count, invalid UTF-8, stray or unclosed
 * quotes) are counted and listed with their line; reading resumes at the next line.
 *
 * @example
 * for await (const event of readCsv('customers.csv')) if (event.type === 'batch') insert(event.rows);
 */
export async function* readCsv(path: string, options: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const batchRows = options.batchRows ?? 4096;
  const maxRecordBytes = options.maxRecordBytes ?? 1024 * 1024;
  let width: number | undefined;
  // The header's width less its empty names at the end: what a row keeps.
  let named = 0;
  let blank = 0;
  let check: ((row: string[]) => string | undefined) | undefined;
  let headerSent = false;
  let rows: string[][] = [];
  let rejects: Reject[] = [];
  let rejected = 0;
  // Offsets of invalid UTF-8, in file order; `badAt` is the first one not yet matched to a record.
  const bad: number[] = [];
  let badAt = 0;
  const reject = (line: number, reason: string) => {
    if (rejected++ < LISTED_REJECTS) rejects.push({ line, reason });
  };
  const batch = (bytes: number): ReadEvent => {
    const event: ReadEvent = { type: 'batch', rows, rejects, rejected, blank, bytes };
    rows = [];
    rejects = [];
    return event;
  };

  let segment: { offset: number; line: number } | undefined = { offset: 0, line: 1 };
  while (segment) {
    const { offset, line }: { offset: number; line: number } = segment;
    segment = undefined;
    const api = recordParser({ delimiter: options.delimiter ?? ',', bom: offset === 0, maxRecordBytes });
    const checker = new Utf8Checker((at) => bad.push(at));
    let nextLine: number = line;
    let emptySeen = 0;
    let lineStart = offset;
    let header: string[] | undefined;
    const push = (record: string[]) => {
      const start = nextLine + (api.info.empty_lines - emptySeen);
      emptySeen = api.info.empty_lines;
      nextLine = start + 1 + lineBreaks(record);
      lineStart = offset + api.info.bytes;
      let invalid = false;
      for (; badAt < bad.length && bad[badAt]! < lineStart; badAt++) invalid = true;
      if (badAt === bad.length) bad.length = badAt = 0;
      if (width === undefined) {
        // csv-parse skips blank lines, but a blank first line means the header is missing.
        if (start !== 1) throw new ImportInputError('line 1 is empty: the first line must name the columns');
        if (invalid) throw new ImportInputError('the header row (line 1) is not valid UTF-8 (a CP949/EUC-KR file? add --encoding cp949)');
        width = record.length;
        for (named = width; named > 0 && record[named - 1] === ''; named--);
        header = record.slice(0, named);
        check = options.rowCheck?.(header);
      } else if (invalid) reject(start, 'not valid UTF-8');
      else if (record.every((v) => v.trim() === '')) blank++;
      else if (record.length !== width && record.length !== named) {
        reject(start, `expected ${width === named ? width : `${named} or ${width}`} fields, got ${record.length}`);
      } else {
        const extra = record.findIndex((v, i) => i >= named && v !== '');
        if (extra >= 0) {
          throw new ImportInputError(`header column ${extra + 1} "" is empty, but line ${start} has a value under it: name the column in the header`);
        }
        record.length = named;
        const reason = check?.(record);
        if (reason === undefined) rows.push(record);
        else reject(start, reason);
      }
    };
    // 64 KiB reads keep batches small enough to die young: with 1 MiB reads (12,000 rows held
    // at once) garbage collection took a sixth of the import.
    const stream = createReadStream(path, { start: offset, highWaterMark: 64 * 1024 });
    let read = offset;
    let error: Error | undefined;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        checker.check(chunk, read);
        read += chunk.length;
        error = api.parse(chunk, false, push, () => {});
        if (header && !headerSent) {
          headerSent = true;
          yield { type: 'header', fields: header };
        }
        if (error) break;
        if (rows.length >= batchRows) yield batch(read);
      }
      if (!error) {
        checker.end();
        error = api.parse(undefined, true, push, () => {});
      }
    } finally {
      stream.destroy();
    }
    if (header && !headerSent) {
      headerSent = true;
      yield { type: 'header', fields: header };
    }
    if (error) {
      const start: number = nextLine + (api.info.empty_lines - emptySeen);
      if (width === undefined) throw new ImportInputError(`the header row (line ${start}) cannot be read: ${parseErrorReason(error)}`);
      reject(start, parseErrorReason(error));
      const resume = await offsetAfterBreaks(path, lineStart, start + 1 - nextLine);
      // The next segment checks its bytes again from the resume point.
      bad.length = badAt = 0;
      if (resume !== undefined) segment = { offset: resume, line: start + 1 };
    }
    if (!segment && width === undefined) throw new ImportInputError('the file is empty: the first line must name the columns');
    if (rows.length > 0 || rejects.length > 0 || !segment) yield batch(read);
  }
}
