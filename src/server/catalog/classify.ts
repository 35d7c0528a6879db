/** What `custlink init --from-db` proposes from a table's columns and a sample of its rows. */
import type { NormalizeSpec } from '../pipeline/normalize.js';

/** One column as the catalogue describes it. */
export interface CatalogColumn {
  name: string;
  /** The database's type name (`character varying`, `bigint`, `uuid`, `date`). */
  type: string;
}

/** What a column holds, judged from its name and its sampled values. */
export type ColumnKind = 'phone' | 'email' | 'memberId' | 'name' | 'rrn' | 'other';

const NAME_HINTS: [ColumnKind, RegExp][] = [
  ['rrn', /jumin|rrn|ssn|주민/i],
  ['phone', /(^|_)(hp|tel|phone|mobile|cell)(_|$|no|num)|phone|mobile|휴대폰|핸드폰|전화/i],
  ['email', /e_?mail|이메일|메일/i],
  ['memberId', /(^|_)(mem|member|cust|customer|user)_?(no|id|num|code)$|회원번호|고객번호|회원_?id/i],
  ['name', /(^|_)(mem_?|cust_?|user_?)?(nm|name)$|이름|성명|회원명|고객명/i],
];

const RRN = /^\d{6}-?[1-8]\d{6}$/;
const PHONE = /^(\+?82[\s-]*(\(0\))?[\s-]*)?0?1[016789][\s.-]?\d{3,4}[\s.-]?\d{4}$|^0\d{1,2}[\s.-]?\d{3,4}[\s.-]?\d{4}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The kind of `column`: a value shaped like a 주민등록번호 wins over any name, so such a column is
 * never proposed by accident; otherwise most sampled values of a shape, then the name.
 *
 * @example
 * classifyColumn({ name: 'hp_no', type: 'text' }, ['010-1234-5678']) // 'phone'
 */
export function classifyColumn(column: CatalogColumn, values: readonly string[]): ColumnKind {
  const share = (shape: RegExp) => (values.length === 0 ? 0 : values.filter((v) => shape.test(v.trim())).length / values.length);
  if (share(RRN) > 0.5) return 'rrn';
  const byName = NAME_HINTS.find(([, hint]) => hint.test(column.name))?.[0];
  if (byName === 'rrn') return 'rrn';
  if (share(EMAIL) > 0.8) return 'email';
  if (share(PHONE) > 0.8 && !/int|numeric|date|time|uuid/i.test(column.type)) return 'phone';
  return byName ?? 'other';
}

/**
 * The `normalize` that brings what the helpdesk sends to the form most sampled phones are
 * stored in: `phone-kr-dashed` for `010-1234-5678`, `phone-kr` for digits only.
 *
 * @example
 * storedPhoneForm(['010-1234-5678', '02-123-4567']) // 'phone-kr-dashed'
 */
export function storedPhoneForm(values: readonly string[]): NormalizeSpec {
  const dashed = values.filter((v) => /^\d{2,4}-\d{3,4}-\d{4}$|^1\d{3}-\d{4}$/.test(v)).length;
  return dashed * 2 > values.length ? 'phone-kr-dashed' : 'phone-kr';
}

/**
 * The `pattern` that refuses, before the query, a lookup value the column's type cannot hold,
 * so no such value reaches the database server's error log; `undefined` for text columns.
 *
 * @example
 * typePattern('bigint') // '^-?[0-9]{1,18}$'
 */
export function typePattern(type: string): string | undefined {
  if (/^(bigint|int8|bigserial)$/i.test(type) || /^bigint/i.test(type)) return '^-?[0-9]{1,18}$';
  if (/^(integer|int|int4|smallint|int2|serial|mediumint|tinyint)/i.test(type)) return '^-?[0-9]{1,9}$';
  if (/^uuid$/i.test(type)) return '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
  if (/^date$/i.test(type)) return '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
  return undefined;
}
