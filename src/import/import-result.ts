import type { FileEncoding } from './encoding.js';
import type { Reject } from './read.js';

export interface ImportResult {
  table: string;
  rows: number;
  /** All rejected records; `rejects` lists the first 20 of them. */
  rejected: number;
  rejects: Reject[];
  /** Rows of only empty fields (Excel's `,,,,` below the data), skipped and not counted as rejected. */
  blank: number;
  indexes: string[];
  bytes: number;
  seconds: number;
  encoding: FileEncoding;
}

/**
 * The import kept no row, or rejected more than `maxRejectRate` of them: nothing was written.
 * Carries the result, so the rejects can be listed.
 */
export class ImportRejectedError extends Error {
  override name = 'ImportRejectedError';
  constructor(
    message: string,
    readonly result: ImportResult,
  ) {
    super(message);
  }
}

/**
 * Throws an `ImportRejectedError` when the file gave no row to import, or when more than
 * `maxRate` (0 to 1) of its records were rejected: a file read with the wrong delimiter or
 * encoding must not replace good data with a fraction of it.
 *
 * @example
 * checkRejects({ ...result, rows: 90, rejected: 10 }, 0.1); // ok
 * checkRejects({ ...result, rows: 80, rejected: 20 }, 0.1); // throws: 20 of 100 rows rejected (20%, more than --max-rejects 10%)
 */
export function checkRejects(result: ImportResult, maxRate: number): void {
  const total = result.rows + result.rejected;
  if (result.rows === 0) {
    const blank = result.blank > 0 ? ` (skipped ${result.blank} blank row${result.blank === 1 ? '' : 's'})` : '';
    const why = result.rejected === 0 ? `the file has a header but no rows${blank}` : `all ${result.rejected} rows were rejected`;
    throw new ImportRejectedError(`no row to import: ${why}`, result);
  }
  if (result.rejected > maxRate * total) {
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    throw new ImportRejectedError(`${result.rejected} of ${total} rows rejected (${pct(result.rejected / total)}, more than --max-rejects ${pct(maxRate)})`, result);
  }
}
