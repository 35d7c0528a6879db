import type { ApiError, LookupDetail, LookupView } from '../types.js';
import { alertBox, h, ko } from './dom.js';

const statusText = (view: LookupView): string =>
  `${view.status === 0 ? '응답 없음 · no answer' : `HTTP ${view.status}`} · ${view.elapsedMs} ms`;

function resultTable(view: LookupView): HTMLTableElement {
  return h('table', { class: 'kv', id: 'customer-rows' },
    ...view.rows.map((row) => h('tr', { 'data-item': row.name },
      h('th', {}, row.label, ' ', h('small', {}, row.name)),
      row.missing ? h('td', { class: 'missing' }, '(응답에 없음 · not in the answer)') : h('td', {}, row.value))));
}

function extrasBlock(view: LookupView): HTMLElement | null {
  if (view.extras.length === 0) return null;
  return h('div', { id: 'customer-extras' },
    h('h3', {}, ...ko('설정되지 않은 항목', 'Not configured: the helpdesk does not show these')),
    h('table', { class: 'kv' }, ...view.extras.map((x) => h('tr', {}, h('th', {}, x.name), h('td', {}, x.value)))));
}

/**
 * What the agent sees in the 고객 정보 panel: the 결과 항목 on success, otherwise the
 * helpdesk's message for the status in an alert (with the endpoint's own error underneath).
 *
 * @example
 * body.replaceChildren(...customerView(answer.value));
 */
export function customerView(view: LookupView): HTMLElement[] {
  const meta = h('p', { class: 'muted', id: 'customer-status' }, statusText(view));
  if (view.ok) return [alertBox('ok', view.message), meta, resultTable(view), ...[extrasBlock(view)].filter((x) => x !== null)];
  const endpointError = view.error === undefined ? null
    : h('div', { class: 'muted' }, `error.code ${view.error.code} · ${view.error.message}${view.error.detail === '' ? '' : ` · ${view.error.detail}`}`);
  const cause = view.detail.cause === undefined ? null : h('div', { class: 'muted' }, view.detail.cause);
  return [alertBox('bad', view.message, endpointError, cause), meta];
}

const pre = (text: string): HTMLPreElement => h('pre', {}, text);
const headers = (value: Record<string, string>): string => Object.entries(value).map(([k, v]) => `${k}: ${v}`).join('\n');

/**
 * The collapsible 상세 block: the request as sent (signature redacted) and the answer as it
 * came (cut to 8 KB).
 *
 * @example
 * detail.replaceChildren(detailBlock(view.detail));
 */
export function detailBlock(detail: LookupDetail): HTMLDetailsElement {
  const { request, response } = detail;
  return h('details', { class: 'detail' },
    h('summary', {}, ...ko('상세', 'Technical details')),
    h('h3', {}, ...ko('요청', 'Request')), pre(`${request.method} ${request.url}\n${headers(request.headers)}`), pre(request.body),
    h('h3', {}, ...ko('응답', 'Response')),
    pre(response.status === 0 ? '(응답 없음 · no answer)' : `HTTP ${response.status}\n${headers(response.headers)}`),
    pre(response.body),
    response.truncated ? h('p', { class: 'muted' }, `8 KB까지만 표시 (전체 ${response.bytes} bytes) · truncated`) : null,
    detail.cause === undefined ? null : h('p', { class: 'muted' }, `원인 · cause: ${detail.cause}`));
}

/**
 * A refusal by the console itself (a value over 데이터 길이, no key): no request was made.
 *
 * @example
 * body.replaceChildren(refusalView(answer.error));
 */
export function refusalView(error: ApiError['error']): HTMLDivElement {
  return alertBox('info', error.message, ...(error.issues ?? []).map((i) => h('div', {}, `${i.ko} `, h('small', {}, i.en))));
}
