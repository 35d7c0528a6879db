import type { FieldIssue } from '../types.js';
import { alertBox, h } from './dom.js';
import { issueTarget } from './issues-view.js';
import { withParticle } from './korean.js';

const API_FIELDS: Record<string, string> = {
  name: 'API 이름', url: '기본 URL', signing: '암호화 여부', key: '암호화 키', scheme: '서명 방식', timeoutMs: '타임아웃', lookupItems: '조회항목', resultItems: '결과항목', id: 'API id',
};
const ITEM_FIELDS: Record<string, string> = {
  kind: '구분', type: '타입', required: '필수 여부', label: '화면 명칭', name: '변수 명칭', maxLength: '데이터 길이', values: '드롭박스 목록', defaultValue: '기본값', channels: '자동 조회 채널', pattern: '엔드포인트 패턴',
};

/** `apis[1].lookupItems[0].maxLength` → API index 1, `조회항목 1행의 데이터 길이`. */
function fieldOf(path: string): { api: number; field: string } | undefined {
  const match = /^apis\[(\d+)\](?:\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?)?/.exec(path);
  if (match === null) return undefined;
  const [, api = '0', top, row, leaf] = match;
  const table = top === undefined ? undefined : API_FIELDS[top] ?? top;
  if (table === undefined) return { api: Number(api), field: '설정' };
  if (row === undefined) return { api: Number(api), field: table };
  const leafName = leaf === undefined ? undefined : top === 'resultItems' && leaf === 'name' ? '데이터 명칭' : ITEM_FIELDS[leaf] ?? leaf;
  return { api: Number(api), field: `${table} ${Number(row) + 1}행${leafName === undefined ? '' : `의 ${leafName}`}` };
}

const apiTitle = (root: Element, index: number): string => {
  const name = root.querySelector<HTMLInputElement>(`fieldset.api[data-index="${index}"] [data-field="name"]`)?.value.trim() ?? '';
  return name === '' ? `API ${index + 1}` : `API ${index + 1} (${name})`;
};

/**
 * One save issue as a Korean sentence naming the API and the field, with the particle that fits:
 * "API 2 (결제정보)의 타임아웃이 올바르지 않습니다: 100 이상이어야 합니다."
 *
 * @example
 * issueSentence(form, { path: 'apis[0].key', ko: '...', en: '...' }) // 'API 1 (회원정보)의 암호화 키가 올바르지 않습니다: ...'
 */
function issueSentence(root: Element, issue: FieldIssue): string {
  const at = fieldOf(issue.path);
  if (at === undefined) return issue.ko;
  return `${apiTitle(root, at.api)}의 ${withParticle(at.field, '이', '가')} 올바르지 않습니다: ${issue.ko}`;
}

/**
 * The alert for a refused 저장: the first issue as a sentence, every issue listed under it. The
 * first issue's field is scrolled to and focused, so the admin can type the fix at once.
 *
 * @example
 * replace(status, saveErrorView(form, answer.error.issues ?? []));
 */
export function saveErrorView(root: Element, issues: readonly FieldIssue[]): HTMLDivElement {
  const [first] = issues;
  const headline = first === undefined ? '설정을 확인하세요. 저장하지 않았습니다.' : `저장하지 않았습니다. ${issueSentence(root, first)}`;
  const box = alertBox('bad', { ko: headline, en: first === undefined ? 'Nothing was saved.' : `Nothing was saved: ${first.path}: ${first.en}` },
    issues.length < 2 ? null : h('ul', { class: 'issue-list' }, ...issues.map((issue) => h('li', {}, issueSentence(root, issue)))));
  if (first !== undefined) focusIssue(root, first.path);
  return box;
}

function focusIssue(root: Element, path: string): void {
  const target = issueTarget(root, path);
  if (!(target instanceof HTMLElement)) return;
  const control = target.matches('input, select, textarea, button') ? target : target.querySelector<HTMLElement>('input, select, textarea, button');
  target.scrollIntoView({ block: 'center' });
  (control ?? target).focus({ preventScroll: true });
}
