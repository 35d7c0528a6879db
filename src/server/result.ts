import type { ResultItemConfig } from './config/types.js';
import { compileMask } from './mask.js';
import type { Row } from './types.js';

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
  const entries = Object.entries(result);
  const columns = entries.map(([, item]) => item.column);
  const masks = entries.map(([, item]) => compileMask(item.mask));
  const prefixes = entries.map(([key], i) => `${i === 0 ? '{"data":{' : ','}${JSON.stringify(key)}:`);
  const n = entries.length;
  return (row) => {
    let out = '';
    for (let i = 0; i < n; i++) {
      const column = columns[i]!;
      let text = toText(Object.hasOwn(row, column) ? row[column] : undefined);
      const mask = masks[i];
      if (mask !== undefined && text !== '') text = mask(text);
      out += prefixes[i] + JSON.stringify(text);
    }
    return out + '}}';
  };
}
