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
 * Values that pass every item's rules, for 연결 테스트: the first drop box value, or a single
 * `0` (a digit, so a phone-number pattern on the endpoint accepts it).
 *
 * @example
 * sampleValues(defaultSettings().apis[0].lookupItems) // { callNum: '0', nation: 'korea' }
 */
export function sampleValues(items: readonly LookupItemSetting[]): Record<string, string> {
  return Object.fromEntries(items.map((item) => [item.name, item.type === 'select' ? (item.values[0] ?? '') : '0']));
}
