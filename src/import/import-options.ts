import { statSync } from 'node:fs';
import type { EncodingOption } from './encoding.js';
import { checkIdentifier, columnProblem, ImportInputError, type Rename } from './identifiers.js';
import type { ColumnNormalize } from './normalize-columns.js';
import type { Progress } from './progress.js';
import type { ImportMode } from './target.js';

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
  /** Header names replaced before they are checked (`--rename 'E-mail=email'`); later flags name the new names. */
  rename?: readonly Rename[];
  /** Columns stored in the form the endpoint's `normalize` sends. */
  normalize?: readonly ColumnNormalize[];
  /** Past this share of rejected records (0 to 1, default 0.1), nothing is imported. */
  maxRejectRate?: number;
  /** Called once with the file size; receives progress until the import ends. */
  progress?: (totalBytes: number) => Progress;
  /** Aborting stops the import between batches and rolls it back. */
  signal?: AbortSignal;
}

/** The options once checked, with the defaults filled in. */
export type CheckedOptions = ImportOptions & { table: string; index: readonly string[]; mode: ImportMode; delimiter: string };

/**
 * Checks the names, the delimiter and the CSV file, and fills in the defaults. Throws an
 * `ImportInputError` for the first problem, before the database is looked at.
 *
 * @example
 * checkOptions({ file: 'customers.csv', db: 'c.sqlite', delimiter: 'tab' })
 * // { file: 'customers.csv', db: 'c.sqlite', delimiter: '\t', table: 'customers', index: [], mode: 'create' }
 */
export function checkOptions(options: ImportOptions): CheckedOptions {
  const table = options.table ?? 'customers';
  const index = options.index ?? [];
  const mode = options.mode ?? 'create';
  checkIdentifier(table, 'table name');
  for (const column of index) checkIdentifier(column, 'index column', columnProblem);
  const delimiter = checkDelimiter(options.delimiter ?? ',');
  fileSize(options.file);
  return { ...options, table, index, mode, delimiter };
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

/**
 * The size of the CSV file; throws an `ImportInputError` when it is missing, unreadable or not a file.
 *
 * @example
 * fileSize('customers.csv') // 48213
 * fileSize('nowhere.csv') // throws: cannot read nowhere.csv: no such file
 */
export function fileSize(file: string): number {
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
