import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEncoding, transcodeToUtf8, type EncodingOption, type FileEncoding } from './encoding.js';
import { checkHeader, checkIdentifier, foldCase, ImportInputError } from './identifiers.js';
import type { Progress } from './progress.js';
import { normalizeRow, type ColumnNormalize } from './normalize-columns.js';
import { readCsv, type Reject } from './read.js';
import { stageDatabase } from './staged-file.js';
import { appendColumns, inspectTarget, type ImportMode, type Target } from './target.js';
import { TableWriter } from './write.js';

export interface ImportOptions {
  /** The CSV file: UTF-8 (BOM or not) or CP949, header row first. */
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
  /** Default `auto` (see `resolveEncoding`). */
  encoding?: EncodingOption;
  /** Columns stored in the form the endpoint's `normalize` sends. */
  normalize?: readonly ColumnNormalize[];
  /** Past this share of rejected records (0 to 1, default 0.1), nothing is imported. */
  maxRejectRate?: number;
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
 * Imports a CSV file into a SQLite table in one transaction. Bad records are skipped and
 * reported; anything that stops the import rolls back and leaves the database as it was.
 * An existing database is never written in place: the import builds a new file beside it and
 * renames it over the old one (see `stageDatabase`), so a live endpoint reads either.
 * Throws an `ImportInputError` (before writing anything) for a bad name, header or flag, and an
 * `ImportRejectedError` (nothing written) when no row is kept or too many are rejected.
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
  fileSize(options.file);
  const target = inspectTarget(options.db, table, mode);
  const encoding = await resolveEncoding(options.file, options.encoding ?? 'auto');
  // CP949 is read through a UTF-8 copy: the reader's byte offsets and line numbers stay exact.
  const scratch = encoding === 'cp949' ? mkdtempSync(join(tmpdir(), 'custlink-import-')) : undefined;
  try {
    const file = scratch === undefined ? options.file : join(scratch, 'utf8.csv');
    if (scratch !== undefined) await transcodeToUtf8(options.file, file);
    return await load({ ...options, file, table, index, mode, delimiter }, target, encoding, started);
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}

type LoadOptions = ImportOptions & { table: string; index: readonly string[]; mode: ImportMode; delimiter: string };

async function load(options: LoadOptions, target: Target, encoding: FileEncoding, started: number): Promise<ImportResult> {
  const { table, index, mode } = options;
  const events = readCsv(options.file, { delimiter: options.delimiter, rowCheck: (header) => rowCheck(header, options.normalize ?? [], encoding) });
  const progress = options.progress?.(fileSize(options.file));
  const staged = await stageDatabase(options.db, table, mode);
  let writer: TableWriter | undefined;
  try {
    const first = await events.next();
    if (first.done || first.value.type !== 'header') throw new Error('the CSV reader gave no header');
    const header = checkHeader(first.value.fields, index);
    const columns = mode === 'append' && target.name ? appendColumns(header, target, table) : header;
    const indexColumns = index.map((c) => columns[header.findIndex((h) => foldCase(h) === foldCase(c))]!);
    writer = new TableWriter(staged.path, table, columns, mode);
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
    const result = { table: target.name ?? table, rows, rejected, rejects, indexes: [] as string[], bytes, seconds: 0, encoding };
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

function checkRejects(result: ImportResult, maxRate: number): void {
  const total = result.rows + result.rejected;
  if (result.rows === 0) {
    const why = result.rejected === 0 ? 'the file has a header but no rows' : `all ${result.rejected} rows were rejected`;
    throw new ImportRejectedError(`no row to import: ${why}`, result);
  }
  if (result.rejected > maxRate * total) {
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    throw new ImportRejectedError(`${result.rejected} of ${total} rows rejected (${pct(result.rejected / total)}, more than --max-rejects ${pct(maxRate)})`, result);
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
