import type { FileEncoding } from './encoding.js';
import { checkHeader, foldCase } from './identifiers.js';
import { fileSize, type CheckedOptions } from './import-options.js';
import { checkRejects, type ImportResult } from './import-result.js';
import { normalizeRow, type ColumnNormalize } from './normalize-columns.js';
import { readCsv, type Reject } from './read.js';
import { stageDatabase } from './staged-file.js';
import { appendColumns, type Target } from './target.js';
import { TableWriter } from './write.js';

/**
 * Reads `options.file` (UTF-8 by now) into a staged copy of the database, in one transaction,
 * and publishes it only when the rejects are within bounds and the indexes are built. Anything
 * that stops the load rolls it back and discards the staged file. `started` is when the import
 * began (`performance.now()`), for `seconds`.
 *
 * @example
 * const options = checkOptions({ file: 'customers.csv', db: 'c.sqlite', index: ['phone'] });
 * const result = await loadCsv(options, inspectTarget(options.db, options.table, options.mode), 'utf-8', performance.now());
 */
export async function loadCsv(options: CheckedOptions, target: Target, encoding: FileEncoding, started: number): Promise<ImportResult> {
  const { table, index, mode } = options;
  // The header is checked (and renamed) before the reader asks for a row check, so --normalize
  // and --index name the columns as they will be.
  let header: string[] = [];
  const events = readCsv(options.file, {
    delimiter: options.delimiter,
    rowCheck: (fields) => {
      header = checkHeader(fields, index, options.rename ?? []);
      return rowCheck(header, options.normalize ?? [], encoding);
    },
  });
  const progress = options.progress?.(fileSize(options.file));
  const staged = await stageDatabase(options.db, table, mode);
  let writer: TableWriter | undefined;
  try {
    const first = await events.next();
    if (first.done || first.value.type !== 'header') throw new Error('the CSV reader gave no header');
    const columns = mode === 'append' && target.name ? appendColumns(header, target, table) : header;
    const indexColumns = index.map((c) => columns[header.findIndex((h) => foldCase(h) === foldCase(c))]!);
    writer = new TableWriter(staged.path, table, columns, mode);
    let rows = 0;
    let rejected = 0;
    let blank = 0;
    let bytes = 0;
    const rejects: Reject[] = [];
    for await (const event of events) {
      options.signal?.throwIfAborted();
      if (event.type !== 'batch') continue;
      writer.insert(event.rows);
      rows += event.rows.length;
      rejected = event.rejected;
      blank = event.blank;
      rejects.push(...event.rejects);
      bytes = event.bytes;
      progress?.update(rows, bytes);
    }
    const result = { table: target.name ?? table, rows, rejected, rejects, blank, indexes: [] as string[], bytes, seconds: 0, encoding };
    checkRejects(result, options.maxRejectRate ?? 0.1);
    if (indexColumns.length > 0) progress?.indexing(indexColumns);
    result.indexes = writer.commit(indexColumns);
    staged.publish();
    result.seconds = (performance.now() - started) / 1000;
    return result;
  } catch (error) {
    writer?.rollback();
    throw error;
  } finally {
    staged.discard();
    progress?.stop();
    await events.return(undefined);
  }
}

function rowCheck(header: readonly string[], normalize: readonly ColumnNormalize[], encoding: FileEncoding) {
  const normalized = normalizeRow(header, normalize);
  if (encoding !== 'cp949') return normalized;
  // The decoder writes U+FFFD for bytes CP949 does not define; the character is not in CP949 itself.
  return (row: string[]) => (row.some((v) => v.includes('\uFFFD')) ? 'not valid CP949' : normalized(row));
}
