import type { ApiError, ApiLookupView, LookupDetail, LookupView, RequestInspection } from '../types.js';
import { copyLine } from './copy-line.js';
import { alertBox, h, ko } from './dom.js';

function resultTable(view: LookupView): HTMLTableElement {
  return h('table', { class: 'kv customer-rows' },
    ...view.rows.map((row) => h('tr', { 'data-item': row.name },
      h('th', {}, row.label),
      row.missing ? h('td', { class: 'missing' }, '') : h('td', {}, row.value))));
}

/**
 * One API's block in 부가정보 → 고객정보, as the agent sees it, in Korean only: titled with the
 * API 이름, then "API 이름 조회 성공" and the 결과항목, or "API 이름" and the status's message.
 * Everything technical (the cause, the 403's likely check, the request) is under 상세.
 *
 * @example
 * blocks.append(customerBlock(answer.value));
 */
export function customerBlock(view: ApiLookupView): HTMLElement {
  const line = h('p', { class: `agent-line ${view.ok ? 'ok' : 'bad'}` }, `${view.apiName} ${view.message.ko}`);
  return h('section', { class: 'api-block', 'data-api': view.apiId, 'data-status': view.status },
    h('h3', {}, view.apiName),
    line,
    view.ok ? resultTable(view) : null,
    detailBlock(view));
}

const pre = (text: string): HTMLPreElement => h('pre', {}, text);
const headers = (value: Record<string, string>): string => Object.entries(value).map(([k, v]) => `${k}: ${v}`).join('\n');

const HIDDEN = '(숨김 · hidden)';

/** The headers as sent, Authorization hidden until 보기: a signature is not the key, but it replays within the window. */
function sentHeaders(request: LookupDetail['request'], inspect: RequestInspection): HTMLDivElement {
  const text = (shown: boolean): string => `${request.method} ${request.url}\n${headers(Object.fromEntries(Object.entries(request.headers).map(([k, v]) =>
    [k, k.toLowerCase() === 'authorization' ? (shown ? (inspect.authorization ?? v) : HIDDEN) : v])))}`;
  const out = h('pre', { class: 'sent-headers' }, text(false));
  const toggle = h('button', { type: 'button', class: 'toggle-authorization', 'aria-pressed': 'false' }, 'Authorization 보기');
  toggle.addEventListener('click', () => {
    const shown = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(shown));
    toggle.textContent = shown ? 'Authorization 숨기기' : 'Authorization 보기';
    out.textContent = text(shown);
  });
  return h('div', {}, out, inspect.authorization === undefined ? null : h('div', { class: 'actions' }, toggle));
}

/** 요청 검사: the signed string, and command lines that send the request again. */
function inspector(inspect: RequestInspection): HTMLDivElement {
  return h('div', { class: 'inspector' },
    h('h4', {}, ...ko('서명한 문자열', `String signed (${inspect.scheme})`)),
    inspect.signed === undefined
      ? h('p', { class: 'muted' }, '암호화 여부가 아니오라 서명하지 않았습니다.')
      : h('div', {},
        h('p', { class: 'muted' }, inspect.scheme === 'uri+body+timestamp' ? `요청 URI ${inspect.uri} + 본문 + X-TC-Timestamp ${inspect.timestamp}` : `본문 + X-TC-Timestamp ${inspect.timestamp}`),
        h('pre', { class: 'signed-string' }, inspect.signed)),
    inspect.requestId === '' ? null : h('p', { class: 'muted' }, 'X-Request-Id ', h('code', { class: 'request-id' }, inspect.requestId)),
    h('h4', {}, ...ko('다시 보내기', 'Repeat it (key as $CUSTLINK_KEY)')),
    copyLine('call-line', inspect.call),
    copyLine('curl-line', inspect.curl));
}

/**
 * The collapsible 상세 block, for the developer, in Korean and English: what the outcome most
 * likely means (hints), the endpoint's error, the request as sent (signature redacted) and the
 * answer as it came (cut to 8 KB), and configured-but-unsent or unconfigured items.
 *
 * @example
 * block.append(detailBlock(view));
 */
export function detailBlock(view: LookupView): HTMLDetailsElement {
  const { request, response } = view.detail;
  const status = `${view.status === 0 ? '응답 없음 · no answer' : `HTTP ${view.status}`} · ${view.elapsedMs} ms · ${view.message.en}`;
  return h('details', { class: 'detail' },
    h('summary', {}, ...ko('상세', 'Details')),
    h('p', { class: 'muted' }, status),
    view.hints.length === 0 ? null : h('ul', { class: 'hints' }, ...view.hints.map((hint) => h('li', {}, hint.ko, h('div', { class: 'en' }, hint.en)))),
    view.error === undefined ? null : h('p', {}, `error.code ${view.error.code} · ${view.error.message}${view.error.detail === '' ? '' : ` · ${view.error.detail}`}`),
    view.extras.length === 0 ? null : h('p', { class: 'muted' }, `설정되지 않은 항목 (not shown to the agent): ${view.extras.map((x) => x.name).join(', ')}`),
    h('h4', {}, ...ko('요청', 'Request')),
    view.detail.inspect === undefined ? pre(`${request.method} ${request.url}\n${headers(request.headers)}`) : sentHeaders(request, view.detail.inspect),
    pre(request.body),
    view.detail.inspect === undefined ? null : inspector(view.detail.inspect),
    h('h4', {}, ...ko('응답', 'Response')),
    pre(response.status === 0 ? '(응답 없음 · no answer)' : `HTTP ${response.status}\n${headers(response.headers)}`),
    pre(response.body),
    response.truncated ? h('p', { class: 'muted' }, `8 KB까지만 표시 (전체 ${response.bytes} bytes) · truncated`) : null,
    view.detail.cause === undefined ? null : h('p', { class: 'muted' }, `원인 · cause: ${view.detail.cause}`));
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
