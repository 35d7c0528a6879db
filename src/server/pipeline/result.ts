import { DATA_CLOSE, DATA_OPEN } from '../../protocol/envelope.js';
import type { ResultItemConfig } from '../config/types.js';
import { compileMask } from './mask.js';
import type { Row } from '../types.js';

/**
 * A column value as the protocol's string: `null` and missing columns become `""` (the helpdesk
 * shows an empty field), numbers and big integers their decimal text, booleans `true`/`false`,
 * dates ISO 8601, binary data Base64, anything else its JSON.
 *
 * @example
 * toText(42n)  // '42'
 * toText(null) // ''
 */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return JSON.stringify(value) ?? '';
}

/**
 * Compiles the `result` config into a function from a source row to the serialised 200 body
 * `{"data":{...}}`: exactly the result items, in config order, every value a string, masked
 * where configured. The JSON around the values is built once.
 *
 * @example
 * const render = compileResult({ userName: { column: 'name', mask: 'name' }, id: { column: 'member_id' } });
 * render({ name: '홍길동', member_id: 7 }) // '{"data":{"userName":"홍*동","id":"7"}}'
 */
export function compileResult(result: Readonly<Record<string, ResultItemConfig>>): (row: Row) => string {
  const columns = Object.values(result).map((item) => item.column);
  const renderValues = compileValuesResult(result, columns);
  const values: unknown[] = [];
  return (row) => {
    for (let i = 0; i < columns.length; i++) values[i] = Object.hasOwn(row, columns[i]!) ? row[columns[i]!] : undefined;
    return renderValues(values);
  };
}

/**
 * Like `compileResult`, for rows given as arrays of values in `columns` order (a source's
 * `lookupValues`): each result item's index is found once here, not by name per request. A
 * column not in `columns` renders as `""`.
 *
 * @example
 * const render = compileValuesResult({ userName: { column: 'name', mask: 'name' }, id: { column: 'member_id' } }, ['member_id', 'name']);
 * render([7, '홍길동']) // '{"data":{"userName":"홍*동","id":"7"}}'
 */
export function compileValuesResult(result: Readonly<Record<string, ResultItemConfig>>, columns: readonly string[]): (values: readonly unknown[]) => string {
  const entries = Object.entries(result);
  const indexes = entries.map(([, item]) => columns.indexOf(item.column));
  const masks = entries.map(([, item]) => compileMask(item.mask));
  const prefixes = entries.map(([key], i) => `${i === 0 ? DATA_OPEN : ','}${JSON.stringify(key)}:`);
  const n = entries.length;
  return (values) => {
    let out = '';
    for (let i = 0; i < n; i++) {
      const index = indexes[i]!;
      let text = index < 0 ? '' : toText(values[index]);
      const mask = masks[i];
      if (mask !== undefined && text !== '') text = mask(text);
      out += prefixes[i] + JSON.stringify(text);
    }
    return out + DATA_CLOSE;
  };
}
