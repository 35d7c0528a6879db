import { statSync } from 'node:fs';
import { checkHeader, checkIdentifier, foldCase, ImportInputError } from './identifiers.js';
import type { Progress } from './progress.js';
import { readCsv, type Reject } from './read.js';
import { appendColumns, inspectTarget, type ImportMode } from './target.js';
import { TableWriter } from './write.js';

export interface ImportOptions {
  /** The CSV file: UTF-8, BOM or not, header row first. */
  file: string;
  /** The SQLite database file; created (with its folder) when missing. */
  db: string;
  /** Default `customers`. */
  table?: string;
  /** Columns to index after the load. */
  index?: readonly string[];
  /** One character; default `,`. */
  delimiter?: string;
  /** When the table exists: refuse (default), `replace` it or `append` to it. */
  mode?: ImportMode;
  /** Called once with the file size; receives progress until the import ends. */
  progress?: (totalBytes: number) => Progress;
  /** Aborting stops the import between batches and rolls it back. */
  signal?: AbortSignal;
}

export interface ImportResult {
  table: string;
  rows: number;
  /** All rejected records; `rejects` lists the first 20 of them. */
  rejected: number;
  rejects: Reject[];
  indexes: string[];
  bytes: number;
  seconds: number;
}

/**
 * Imports a CSV file into a SQLite table in one transaction. Bad records are skipped and
 * reported; anything that stops the import rolls back and leaves the database as it was.
 * Throws an `ImportInputError` (before writing anything) for a bad name, header or flag.
 *
 * @example
 * const result = await importCsv({ file: 'customers.csv', db: 'data/customers.sqlite', index: ['phone'] });
 * console.log(result.rows, result.rejected);
 */
export async function importCsv(options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const table = options.table ?? 'customers';
  const index = options.index ?? [];
  const mode = options.mode ?? 'create';
  checkIdentifier(table, 'table name');
  for (const column of index) checkIdentifier(column, 'index column');
  const delimiter = checkDelimiter(options.delimiter ?? ',');
  const totalBytes = fileSize(options.file);
  const target = inspectTarget(options.db, table, mode);

  const events = readCsv(options.file, { delimiter });
  const progress = options.progress?.(totalBytes);
  let writer: TableWriter | undefined;
  try {
    const first = await events.next();
    if (first.done || first.value.type !== 'header') throw new Error('the CSV reader gave no header');
    const header = checkHeader(first.value.fields, index);
    const columns = mode === 'append' && target.name ? appendColumns(header, target, table) : header;
    const indexColumns = index.map((c) => columns[header.findIndex((h) => foldCase(h) === foldCase(c))]!);
    writer = new TableWriter(options.db, table, columns, mode);
    let rows = 0;
    let rejected = 0;
    let bytes = 0;
    const rejects: Reject[] = [];
    for await (const event of events) {
      options.signal?.throwIfAborted();
      if (event.type !== 'batch') continue;
      writer.insert(event.rows);
      rows += event.rows.length;
      rejected = event.rejected;
      rejects.push(...event.rejects);
      bytes = event.bytes;
      progress?.update(rows, bytes);
    }
    if (indexColumns.length > 0) progress?.indexing(indexColumns);
    const indexes = writer.commit(indexColumns);
    return { table: target.name ?? table, rows, rejected, rejects, indexes, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    writer?.rollback();
    throw error;
  } finally {
    progress?.stop();
    await events.return(undefined);
  }
}

/**
 * The delimiter, with `tab` and `\t` spelled out for shells; a quote or line break is refused.
 *
 * @example
 * checkDelimiter('tab') // '\t'
 */
export function checkDelimiter(value: string): string {
  const delimiter = value === 'tab' || value === '\\t' ? '\t' : value;
  if ([...delimiter].length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new ImportInputError(`--delimiter must be one character other than a quote or line break, got ${JSON.stringify(value)}`);
  }
  return delimiter;
}

function fileSize(file: string): number {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportInputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  if (!stat.isFile()) throw new ImportInputError(`${file} is not a file`);
  return stat.size;
}
