import { Parser } from 'csv-parse';

/**
 * csv-parse driven one chunk at a time. Its stream hides when each record ends; its synchronous
 * `api.parse` calls back once per record with `info.bytes` at that record's end, and returns
 * errors instead of ending the stream: what exact line numbers and resuming at the next line
 * need. (It also skips the stream and async-iterator overhead, about a tenth of the parse time.)
 */
export interface RecordParser {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
  /** `bytes`: offset just past the last record, from where this parser started. */
  info: { bytes: number; empty_lines: number };
}

/**
 * A parser for one stretch of the file. Records come as arrays (no `columns` objects): the
 * reader checks field counts itself, so that a short row is reported, not fatal.
 *
 * @example
 * const parser = recordParser({ delimiter: ',', bom: true, maxRecordBytes: 1 << 20 });
 * const error = parser.parse(chunk, false, (record) => rows.push(record), () => {});
 */
export function recordParser(options: { delimiter: string; bom: boolean; maxRecordBytes: number }): RecordParser {
  const parser = new Parser({
    delimiter: options.delimiter,
    bom: options.bom,
    // Both, so that a file mixing CRLF and LF keeps no stray CR at the end of a value.
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: options.maxRecordBytes,
  });
  return (parser as unknown as { api: RecordParser }).api;
}

/**
 * csv-parse's error, in the words of the report.
 *
 * @example
 * parseErrorReason(error) // 'a quote inside an unquoted field'
 */
export function parseErrorReason(error: Error): string {
  switch ((error as { code?: string }).code) {
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted field';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote not followed by a delimiter or line end';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quote is not closed before the end of the file';
    case 'CSV_MAX_RECORD_SIZE':
      return 'record longer than the limit (a quote not closed?)';
    default:
      return error.message;
  }
}
