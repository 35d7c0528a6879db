import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEncoding, transcodeToUtf8 } from './encoding.js';
import { checkOptions, type ImportOptions } from './import-options.js';
import type { ImportResult } from './import-result.js';
import { loadCsv } from './load.js';
import { inspectTarget } from './target.js';

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
  const checked = checkOptions(options);
  const target = inspectTarget(checked.db, checked.table, checked.mode);
  const encoding = await resolveEncoding(checked.file, checked.encoding ?? 'auto');
  // CP949 is read through a UTF-8 copy: the reader's byte offsets and line numbers stay exact.
  const scratch = encoding === 'cp949' ? mkdtempSync(join(tmpdir(), 'custlink-import-')) : undefined;
  try {
    const file = scratch === undefined ? checked.file : join(scratch, 'utf8.csv');
    if (scratch !== undefined) await transcodeToUtf8(checked.file, file);
    return await loadCsv({ ...checked, file }, target, encoding, started);
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}
