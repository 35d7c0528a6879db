import { compileNormalize } from '../server/pipeline/normalize.js';
import { NORMALIZE_SPECS, type NormalizeSpec } from '../server/vocabulary/normalize-specs.js';
import { foldCase, ImportInputError } from './identifiers.js';

/** One `--normalize` entry: a CSV column and the endpoint's normalize spec for it. */
export interface ColumnNormalize {
  column: string;
  spec: NormalizeSpec;
}

/**
 * Parses `--normalize` values (`phone=phone-kr,fax=digits`, the flag may repeat).
 *
 * @example
 * parseNormalize(['phone=phone-kr,fax=digits']) // [{ column: 'phone', spec: 'phone-kr' }, { column: 'fax', spec: 'digits' }]
 */
export function parseNormalize(values: readonly string[]): ColumnNormalize[] {
  return values
    .flatMap((v) => v.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const eq = entry.indexOf('=');
      const column = entry.slice(0, eq).trim();
      const spec = entry.slice(eq + 1).trim();
      if (eq < 0 || column === '' || !(NORMALIZE_SPECS as readonly string[]).includes(spec)) {
        throw new ImportInputError(`--normalize takes COLUMN=SPEC with SPEC one of ${NORMALIZE_SPECS.join(', ')}, got ${JSON.stringify(entry)}`);
      }
      return { column, spec: spec as NormalizeSpec };
    });
}

/**
 * A row check for the reader that brings the named columns to the form the endpoint's
 * `normalize` sends (the same functions), so that lookups match. A value with something in it
 * that normalizes to nothing (`N/A` for a phone) is a rejected row, not an empty value.
 * Throws an `ImportInputError` for a column the header does not have.
 *
 * @example
 * const check = normalizeRow(['id', 'phone'], [{ column: 'phone', spec: 'phone-kr' }]);
 * const row = ['1', '010-1234-5678']; check(row); // row is ['1', '01012345678']
 */
export function normalizeRow(header: readonly string[], entries: readonly ColumnNormalize[]): (row: string[]) => string | undefined {
  const steps = entries.map(({ column, spec }) => {
    const at = header.findIndex((h) => foldCase(h) === foldCase(column));
    if (at < 0) throw new ImportInputError(`--normalize: column ${JSON.stringify(column)} is not in the header (${header.join(', ')})`);
    return { at, name: header[at]!, spec, fn: compileNormalize(spec)! };
  });
  return (row) => {
    for (const { at, name, spec, fn } of steps) {
      const value = row[at]!;
      const normalized = fn(value);
      if (normalized === '' && value.trim() !== '') return `${name} has nothing to keep for ${spec} (no digits?)`;
      row[at] = normalized;
    }
    return undefined;
  };
}
