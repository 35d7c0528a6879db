import type { ImportResult } from '../../import/import-result.js';

/**
 * The summary printed after an import.
 *
 * @example
 * report(result, 'data/customers.sqlite') // 'imported 3 rows into customers (data/customers.sqlite) ...'
 */
export function report(result: ImportResult, db: string): string {
  const rate = Math.round(result.rows / Math.max(result.seconds, 0.001));
  const read = result.encoding === 'cp949' ? ', read as CP949' : '';
  const blank = result.blank > 0 ? `, skipped ${plural(result.blank, 'blank row')}` : '';
  const lines = [`imported ${plural(result.rows, 'row')}${blank} into ${result.table} (${db}) in ${result.seconds.toFixed(1)} s, ${rate} rows/s${read}`];
  if (result.indexes.length > 0) lines.push(`indexes: ${result.indexes.join(', ')}`);
  return lines.join('\n') + '\n' + listRejects(result);
}

/**
 * The rejected rows by line, committed or not: the user fixes them in the CSV file.
 *
 * @example
 * listRejects(result) // 'rejected 1 row:\n  line 3: expected 2 fields, got 3\n'
 */
export function listRejects(result: ImportResult): string {
  const lines = [`rejected ${plural(result.rejected, 'row')}${result.rejected > 0 ? ':' : ''}`];
  for (const r of result.rejects) lines.push(`  line ${r.line}: ${r.reason}`);
  if (result.rejected > result.rejects.length) lines.push(`  ... and ${result.rejected - result.rejects.length} more`);
  return lines.join('\n') + '\n';
}

/**
 * What to try after an import that was refused. A wrong `--encoding` or `--delimiter` spoils
 * whole files rather than single rows, so a reject that looks like either names that flag first.
 *
 * @example
 * hint(result) // 'hint: rows have another number of fields than the header; check --delimiter (e.g. "tab" or ";")\n'
 */
export function hint(result: ImportResult): string {
  const reasons = result.rejects.map((r) => r.reason);
  if (reasons.some((r) => r.startsWith('not valid'))) {
    return `hint: the file's encoding looks wrong (read as ${result.encoding === 'cp949' ? 'CP949' : 'UTF-8'}); try --encoding utf-8 or --encoding cp949\n`;
  }
  if (reasons.some((r) => r.startsWith('expected'))) return 'hint: rows have another number of fields than the header; check --delimiter (e.g. "tab" or ";")\n';
  if (result.rows + result.rejected === 0) return 'hint: the file holds only its header line\n';
  return 'hint: fix the listed lines, or allow more with --max-rejects PCT\n';
}

/**
 * `1 row`, `2 rows`.
 *
 * @example
 * plural(1, 'row') // '1 row'
 */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
