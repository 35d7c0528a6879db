import { Issues } from './issues.js';
import type { FieldIssue, LookupItemSetting } from './types.js';

export type BodyCheck = { ok: true; items: Record<string, string>; body: string } | { ok: false; issues: FieldIssue[] };

function checkValue(item: LookupItemSetting, raw: unknown, issues: Issues): string {
  const path = `values.${item.name}`;
  const label = `${item.label}(${item.name})`;
  if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
    issues.add(path, `${label} 값은 문자열이어야 합니다.`, `${item.name} must be a string.`);
    return '';
  }
  // Sent as typed, not trimmed: a stray space is what the endpoint would receive, and 상세 shows it.
  const value = raw === undefined || raw === null ? '' : String(raw);
  if (value === '') {
    if (item.required) issues.add(path, `${label}은(는) 필수 조회 항목입니다.`, `${item.name} is a required lookup item.`);
    return '';
  }
  // Counted in UTF-16 units, as an HTML input's maxlength, Java's String.length() and the
  // endpoint's own maxLength check count them, not in UTF-8 bytes.
  const length = value.length;
  if (length > item.maxLength) {
    issues.add(path, `${label}은(는) 데이터 길이 ${item.maxLength}자를 넘을 수 없습니다 (${length}자).`, `${item.name} is longer than its data length of ${item.maxLength} (${length} characters).`);
  } else if (item.type === 'select' && !item.values.includes(value)) {
    issues.add(path, `${label}은(는) 드롭박스의 값 중 하나여야 합니다.`, `${item.name} must be one of the drop box values.`);
  }
  return value;
}

/**
 * The request body the helpdesk would send for a ticket: every configured 조회 항목 in its
 * configured order, each a string ('' when the ticket has no value), and nothing else. A value
 * the helpdesk would not let through (missing required item, over 데이터 길이, not a drop box
 * value) refuses the whole lookup, so no request is made.
 *
 * @example
 * buildLookupBody(settings.lookupItems, { callNum: '010-1234-5678', other: 'x' })
 * // { ok: true, items: { callNum: '010-1234-5678', nation: '' }, body: '{"callNum":"010-1234-5678","nation":""}' }
 */
export function buildLookupBody(items: readonly LookupItemSetting[], values: unknown): BodyCheck {
  const issues = new Issues();
  if (values !== undefined && (typeof values !== 'object' || values === null || Array.isArray(values))) {
    issues.add('values', '조회 항목 값은 JSON 객체여야 합니다.', 'The lookup values must be a JSON object.');
    return { ok: false, issues: issues.list };
  }
  const given = (values ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const item of items) {
    out[item.name] = checkValue(item, Object.hasOwn(given, item.name) ? given[item.name] : undefined, issues);
  }
  if (!issues.empty) return { ok: false, issues: issues.list };
  return { ok: true, items: out, body: JSON.stringify(out) };
}

/**
 * Values no customer has, in the shapes lookup items usually take: an unassigned mobile number
 * (010-0xxx is never issued), digits, letters. The first that fits an item's 데이터 길이 and
 * pattern is sent, so the endpoint gets as far as its lookup and answers NOT_FOUND.
 */
const ABSENT = ['01000000000', '010-0000-0000', '0000000000', '00000000', 'custlink-test-absent', 'custlinktest', 'A0000000', '0000', '0'];

/**
 * The 연결 테스트 value of one item: the first drop box value, or a value no customer has that
 * fits the item's 데이터 길이 and pattern; undefined when none fits the pattern.
 *
 * @example
 * sampleValue({ ...item, maxLength: 20, pattern: '^0[0-9]{8,10}$' }) // '01000000000'
 */
export function sampleValue(item: LookupItemSetting): string | undefined {
  if (item.type === 'select') return item.values[0] ?? '';
  const pattern = item.pattern === undefined || item.pattern === '' ? undefined : new RegExp(item.pattern, 'u');
  const fits = (value: string): boolean => value.length <= item.maxLength && (pattern === undefined || pattern.test(value));
  return ABSENT.find(fits) ?? ABSENT.map((v) => v.slice(0, item.maxLength)).find(fits);
}

/**
 * Values for 연결 테스트 that pass every item's rules ({@link sampleValue}); the names of the
 * items whose pattern none of them fits.
 *
 * @example
 * sampleValues(defaultSettings().apis[0].lookupItems) // { values: { callNum: '01000000000', nation: 'korea' }, unfit: [] }
 */
export function sampleValues(items: readonly LookupItemSetting[]): { values: Record<string, string>; unfit: LookupItemSetting[] } {
  const values: Record<string, string> = {};
  const unfit: LookupItemSetting[] = [];
  for (const item of items) {
    const value = sampleValue(item);
    if (value === undefined) unfit.push(item);
    values[item.name] = value ?? '';
  }
  return { values, unfit };
}
