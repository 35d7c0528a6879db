import { scanSqlParameters } from '../vocabulary/sql-params.js';
import type { ApiEndpointConfig } from '../config/types.js';
import { maskEmail, maskName, maskPhone } from '../pipeline/mask.js';
import { compileNormalize } from '../pipeline/normalize.js';
import type { NormalizeSpec } from '../vocabulary/normalize-specs.js';
import type { Source } from '../types.js';
import { COLUMN, isPlainFrom } from './normalize-sample.js';

/** How many stored values are read per normalized lookup item. */
const SAMPLE_ROWS = 100;
/** How long the sample of one lookup item's column may take (the statement is cancelled then). */
const SAMPLE_TIMEOUT_MS = 5_000;

const BEFORE = new RegExp(`(${COLUMN})\\s*=\\s*$`, 'u');
const AFTER = new RegExp(`^(?:::\\s*\\w+)?\\s*=\\s*(${COLUMN})`, 'u');
const FROM = /\bFROM\s+([\s\S]+?)(?:\s+(?:WHERE|GROUP|ORDER|LIMIT|HAVING|UNION)\b|\s*;?\s*$)/i;
const KEYWORDS = new Set(['and', 'or', 'not', 'where', 'on', 'when', 'then', 'else', 'case', 'select']);

/**
 * The column `source.query` compares with lookup item `item` (`phone = :callNum`, `c.phone =
 * :callNum::text`, `:callNum = phone`), and its FROM clause; `undefined` when the query does
 * not read that plainly (a function around the column, a subquery, a comment in FROM), so
 * nothing can be sampled.
 *
 * @example
 * comparedColumn('SELECT name FROM customers c WHERE c.phone = :callNum', 'callNum') // { column: 'c.phone', from: 'customers c' }
 */
export function comparedColumn(query: string, item: string): { column: string; from: string } | undefined {
  const from = FROM.exec(query)?.[1]?.trim();
  if (from === undefined || !isPlainFrom(from)) return undefined;
  for (const token of scanSqlParameters(query)) {
    if (token.name !== item) continue;
    const column = BEFORE.exec(query.slice(0, token.start))?.[1] ?? AFTER.exec(query.slice(token.end))?.[1];
    if (column !== undefined && !KEYWORDS.has(column.toLowerCase())) return { column, from };
  }
  return undefined;
}

/**
 * Warnings for lookup items with `normalize` whose column, in a sample of up to `SAMPLE_ROWS`
 * stored values, holds values not in that form: the endpoint sends `01012345678` for
 * `010-1234-5678`, so such rows never match and every lookup is a 400 NOT_FOUND. Examples are
 * masked. A column it cannot find or sample is said so, not guessed. Never throws.
 *
 * The sample runs through `source`, already open (its pool, its read-only sessions, its TLS),
 * each column within `timeoutMs`: no connection of its own. A source that cannot sample (not
 * SQL) gets no warning. Meant for where a person reads the start (`custlink serve`, `--check`),
 * not for every endpoint built (see `EndpointOptions.checkStoredForm`).
 *
 * @example
 * for (const warning of await storedFormWarnings(config, source)) logger.warn(warning);
 */
export async function storedFormWarnings(config: ApiEndpointConfig, source: Source, timeoutMs = SAMPLE_TIMEOUT_MS): Promise<string[]> {
  const sql = config.source;
  if (source.sampleColumn === undefined || (sql.type !== 'sqlite' && sql.type !== 'postgres' && sql.type !== 'mysql')) return [];
  const warnings: string[] = [];
  const used = new Set(scanSqlParameters(sql.query).map((t) => t.name));
  for (const [item, { normalize }] of Object.entries(config.lookup)) {
    if (normalize === undefined || !used.has(item)) continue;
    const about = `lookup item ${item} (normalize: ${normalize})`;
    const compared = comparedColumn(sql.query, item);
    if (compared === undefined) {
      warnings.push(`${about}: the stored form was not checked: source.query does not compare a plain column with :${item} (<column> = :${item})`);
      continue;
    }
    const { column, from } = compared;
    try {
      const values = (await source.sampleColumn(column, from, SAMPLE_ROWS, AbortSignal.timeout(timeoutMs))).map(String);
      const warning = describeSample(about, column, normalize, values, sql.type);
      if (warning !== undefined) warnings.push(warning);
    } catch (error) {
      warnings.push(`${about}: the stored form of ${column} was not checked: sampling it failed: ${(error as Error).message}`);
    }
  }
  return warnings;
}

/** The forms a phone column is stored in: when every sampled value is in the other one, that `normalize` is the fix. */
const PHONE_FORMS: Partial<Record<NormalizeSpec, NormalizeSpec>> = { 'phone-kr': 'phone-kr-dashed', 'phone-kr-dashed': 'phone-kr' };

/**
 * The warning for sampled stored `values` of `column`, or `undefined` when all are in form. The
 * advice fits the source: when every value is in another phone form, the `normalize` to set;
 * otherwise for SQLite (a file `custlink import` writes) re-importing normalized, and for
 * PostgreSQL/MySQL, whose tables custlink does not write, an expression in `source.query`
 * backed by an expression index.
 *
 * @example
 * describeSample('lookup item callNum (normalize: phone-kr)', 'phone', 'phone-kr', ['010-1234-5678'], 'postgres')
 * // '... 1 of 1 sampled phone values are not in phone-kr form (e.g. 010-****-5678), ...; set normalize: phone-kr-dashed ...'
 */
export function describeSample(about: string, column: string, spec: NormalizeSpec, values: readonly string[], sourceType: 'sqlite' | 'postgres' | 'mysql' = 'sqlite'): string | undefined {
  const normalize = compileNormalize(spec)!;
  const off = values.filter((v) => normalize(v) !== v);
  if (off.length === 0) return undefined;
  const mask = spec === 'lower' ? maskEmail : spec === 'trim' ? maskName : maskPhone;
  const example = off[0]!;
  const bare = column.replace(/^.*\.\s*/, '').replace(/^["`[]|["`\]]$/g, '');
  const head =
    `${about}: ${off.length} of ${values.length} sampled ${column} values are not in ${spec} form ` +
    `(e.g. ${mask(example)}), so lookups, which send ${mask(normalize(example))}, do not find them; `;
  const other = PHONE_FORMS[spec];
  if (other !== undefined) {
    const otherForm = compileNormalize(other)!;
    if (values.every((v) => otherForm(v) === v)) return `${head}every sampled value is in ${other} form: set normalize: ${other} on the lookup item`;
  }
  if (sourceType === 'sqlite') return `${head}store them in that form (custlink import --normalize ${bare}=${spec}) or normalize the column in source.query`;
  const digitsOf =
    sourceType === 'postgres' ? `regexp_replace(${bare}, '\\D', '', 'g')` : `REGEXP_REPLACE(${bare}, '[^0-9]', '')`;
  const index =
    sourceType === 'postgres'
      ? `CREATE INDEX ON <table> ((${digitsOf}))`
      : `a generated column AS (${digitsOf}) with an index on it`;
  return (
    `${head}update them to that form, or compare a normalized expression in source.query ` +
    (spec === 'phone-kr' || spec === 'digits' ? `(${digitsOf} = :<item>) backed by an expression index (${index})` : 'backed by an expression index')
  );
}
