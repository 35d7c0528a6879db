import type { KeyView, PublicApiSetting } from '../types.js';
import { h, ko, type Child } from './dom.js';
import { addRow, type RowKind } from './item-rows.js';
import { keyBlock } from './key-block.js';
import { renderLookupItems } from './lookup-rows.js';
import { ocServerBlock } from './oc-server-info.js';
import { renderResultItems } from './result-rows.js';

/** An API as drawn: a key typed but not saved yet survives a redraw (추가, API 삭제). */
type Typed = PublicApiSetting & { key?: string };

const field = (label: Child[], ...control: Child[]): HTMLDivElement =>
  h('div', { class: 'field' }, h('span', { class: 'label' }, ...label), h('div', {}, ...control));

/**
 * A table in a box that scrolls sideways, with a hint shown only while the table is wider than
 * the screen (a phone): without it, columns cut off at the edge look like all there is.
 */
function scroller(path: string, table: HTMLTableElement, name: string): [HTMLParagraphElement, HTMLDivElement] {
  const hint = h('p', { class: 'scroll-hint' }, `← ${name} 표는 화면보다 넓습니다. 좌우로 밀어서 보세요. →`, h('small', {}, 'scrolls sideways'));
  const box = h('div', { class: 'scroll', 'data-path': path, role: 'region', 'aria-label': `${name} 설정 표`, tabindex: 0 }, table);
  new ResizeObserver(() => hint.classList.toggle('shown', box.scrollWidth > box.clientWidth + 1)).observe(box);
  return [hint, box];
}

/** A field whose one control is named by its <label for>, so a screen reader reads the label with it. */
const labelled = (label: Child[], control: HTMLInputElement | HTMLSelectElement): HTMLDivElement =>
  h('div', { class: 'field' }, h('label', { class: 'label', for: control.id }, ...label), h('div', {}, control));

/**
 * One API of API 설정 as a card: API 이름, 기본 URL, 암호화 여부 and 키 (복사, 키 변경), scheme and
 * timeout, OC 서버 정보, 조회항목 설정 (일반 or 티켓 필드 rows) and 결과항목 설정, and 연결 테스트.
 *
 * @example
 * container.append(apiCard(view.apis[0], view.keys['api-1'], 0));
 */
export function apiCard(api: Typed, key: KeyView | undefined, index: number): HTMLFieldSetElement {
  const at = `apis[${index}]`;
  const lookup = h('table', { class: 'items lookup' });
  const result = h('table', { class: 'items result' });
  renderLookupItems(lookup, api.lookupItems, at);
  renderResultItems(result, api.resultItems, at);
  const adder = (kind: RowKind, table: HTMLTableElement, ...label: Child[]): HTMLButtonElement => {
    const button = h('button', { type: 'button', class: `add-${kind}` }, ...label);
    button.addEventListener('click', () => addRow(table, kind, at));
    return button;
  };
  const id = (name: string): string => `api-${api.id}-${name}`;
  const scheme = h('select', { id: id('scheme'), 'data-field': 'scheme', 'data-path': `${at}.scheme` },
    h('option', { value: 'body+timestamp' }, 'body + timestamp (가이드 Java 예시 · default)'),
    h('option', { value: 'uri+body+timestamp' }, 'request URI + body + timestamp'));
  scheme.value = api.scheme;
  const radio = (value: 'yes' | 'no', text: string, en: string): HTMLLabelElement =>
    h('label', {}, h('input', { type: 'radio', name: `signing-${api.id}`, class: `signing-${value}`, value, checked: api.signing === (value === 'yes') }), ` ${text} `, h('small', {}, en));
  return h('fieldset', { class: 'card api', 'data-api': api.id, 'data-index': index, 'data-key-set': String(key?.set === true) },
    h('div', { class: 'bar' }, h('h3', {}, `API ${index + 1}`), h('button', { type: 'button', class: 'remove-api' }, ...ko('API 삭제', 'Remove'))),
    labelled(ko('API 이름', 'API name'), h('input', { type: 'text', id: id('name'), 'data-field': 'name', 'data-path': `${at}.name`, value: api.name, placeholder: '예: 회원정보' })),
    labelled(ko('기본 URL', 'API URL'), h('input', { type: 'url', id: id('url'), 'data-field': 'url', 'data-path': `${at}.url`, value: api.url, placeholder: 'https://crm.example.com/oc/customer', autocomplete: 'off' })),
    field(ko('암호화 여부', 'Sign requests'), h('div', { role: 'radiogroup', 'aria-label': '암호화 여부', 'data-path': `${at}.signing` }, radio('yes', '예', 'yes'), ' ', radio('no', '아니오', 'no'))),
    field(ko('암호화 키', 'Security key'), keyBlock(api, key, at)),
    labelled(ko('서명 방식', 'Scheme'), scheme),
    labelled(ko('타임아웃', 'Timeout, ms'), h('input', { type: 'number', id: id('timeoutMs'), 'data-field': 'timeoutMs', 'data-path': `${at}.timeoutMs`, value: api.timeoutMs, min: 100, max: 60000, step: 100 })),
    field(ko('OC 서버 정보', 'Helpdesk servers'), ocServerBlock(api.name, api.url)),
    h('h4', {}, ...ko('조회항목 설정', 'Lookup items (sent to the endpoint)')),
    ...scroller(`${at}.lookupItems`, lookup, '조회항목'),
    h('div', { class: 'actions' }, adder('general', lookup, ...ko('+ 일반 항목 추가', 'Add')), adder('ticketField', lookup, ...ko('+ 티켓 필드 추가', 'Add ticket field'))),
    h('h4', {}, ...ko('결과항목 설정', 'Result items (shown to the agent)')),
    ...scroller(`${at}.resultItems`, result, '결과항목'),
    h('div', { class: 'actions' }, adder('result', result, ...ko('+ 결과항목 추가', 'Add'))),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'test-api' }, ...ko('연결 테스트', 'Test connection'))),
    h('div', { class: 'test-result' }));
}
