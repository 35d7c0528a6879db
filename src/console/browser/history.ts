import type { ApiLookupView } from '../types.js';
import { byId, h, replace } from './dom.js';

/** One lookup of this page session, as the history lists and exports it (never a lookup value). */
interface HistoryEntry {
  /** When the answer came, ISO 8601. */
  time: string;
  apiId: string;
  api: string;
  /** HTTP status, 0 for no answer. */
  status: number;
  /** What the agent saw: "API 이름 조회 성공", "API 이름 조회 결과가 없습니다." ... */
  agentMessage: string;
  ms: number;
  /** The endpoint's X-Request-Id, to find the request in its log; '' when none. */
  requestId: string;
}

const entries: HistoryEntry[] = [];
let exportUrl: string | undefined;

const two = (n: number): string => String(n).padStart(2, '0');
const clock = (iso: string): string => {
  const d = new Date(iso);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
};

/**
 * Adds a lookup the page drew to the session's history and redraws it.
 *
 * @example
 * recordLookup(answer.value);
 */
export function recordLookup(view: ApiLookupView): void {
  entries.push({
    time: new Date().toISOString(),
    apiId: view.apiId,
    api: view.apiName,
    status: view.status,
    agentMessage: `${view.apiName} ${view.message.ko}`,
    ms: view.elapsedMs,
    requestId: view.detail.inspect?.requestId ?? '',
  });
  renderHistory();
}

/**
 * The history as exported: a JSON document of every entry, oldest first.
 *
 * @example
 * JSON.parse(historyJson()).lookups.length // entries so far
 */
function historyJson(): string {
  return JSON.stringify({ exportedAt: new Date().toISOString(), lookups: entries }, null, 2) + '\n';
}

/**
 * Draws 조회 기록 (this session): newest first, with a download link for the JSON built from
 * a Blob (nothing leaves the browser).
 *
 * @example
 * renderHistory();
 */
function renderHistory(): void {
  const target = byId('lookup-history', HTMLDivElement);
  if (exportUrl !== undefined) URL.revokeObjectURL(exportUrl);
  exportUrl = undefined;
  if (entries.length === 0) return replace(target);
  exportUrl = URL.createObjectURL(new Blob([historyJson()], { type: 'application/json' }));
  const now = new Date();
  const file = `custlink-lookups-${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}.json`;
  replace(target,
    h('h3', {}, '조회 기록 ', h('small', {}, `이 세션 · ${entries.length}건`)),
    h('div', { class: 'scroll', role: 'region', 'aria-label': '조회 기록 표', tabindex: 0 },
      h('table', { class: 'list history' },
        h('tr', {}, h('th', {}, '시각'), h('th', {}, 'API'), h('th', {}, '상태'), h('th', {}, '상담사 메시지'), h('th', {}, 'ms'), h('th', {}, 'X-Request-Id')),
        ...[...entries].reverse().map((e) => h('tr', { 'data-api': e.apiId },
          h('td', {}, clock(e.time)), h('td', {}, e.api), h('td', {}, e.status === 0 ? '응답 없음' : String(e.status)), h('td', {}, e.agentMessage), h('td', {}, String(e.ms)), h('td', { class: 'request-id' }, e.requestId))))),
    h('div', { class: 'actions' }, h('a', { class: 'export-history', href: exportUrl, download: file }, 'JSON으로 내보내기 ', h('small', {}, 'Export'))));
}
