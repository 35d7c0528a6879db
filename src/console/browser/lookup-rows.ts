import type { Channel, LookupItemSetting } from '../types.js';
import { CHANNELS } from './channels.js';
import { h } from './dom.js';
import { readLookupItems } from './item-read.js';
import { cell, head, removeButton } from './row-parts.js';

function channelBoxes(path: string, chosen: readonly Channel[]): HTMLDivElement {
  return h('div', { class: 'channels', 'data-field': 'channels', 'data-path': `${path}.channels` },
    h('span', { class: 'muted' }, '자동 조회 채널 · auto lookup: '),
    ...CHANNELS.map((c) => h('label', {}, h('input', { type: 'checkbox', value: c.id, checked: chosen.includes(c.id) }), ` ${c.ko}`)));
}

/** 부가 설정: a drop box's list, a general item's default value, or a ticket field's channels. */
function extraCell(item: LookupItemSetting, path: string, type: HTMLSelectElement): HTMLTableCellElement {
  const values = h('input', { type: 'text', 'data-field': 'values', 'data-path': `${path}.values`, value: item.values.join(', '), placeholder: 'drop box: korea, japan', 'aria-label': '드롭박스 목록' });
  const fallback = h('input', { type: 'text', 'data-field': 'defaultValue', 'data-path': `${path}.defaultValue`, value: item.defaultValue, placeholder: '기본값 · default', 'aria-label': '기본값' });
  // Not a helpdesk setting: only so that 연결 테스트 sends a value the endpoint's pattern lets through.
  const pattern = h('input', { type: 'text', 'data-field': 'pattern', 'data-path': `${path}.pattern`, value: item.pattern ?? '', placeholder: '엔드포인트 패턴 (연결 테스트용) · pattern', 'aria-label': '엔드포인트 패턴 (연결 테스트 값용)', spellcheck: 'false', autocomplete: 'off' });
  const sync = (): void => {
    values.hidden = type.value !== 'select';
    pattern.hidden = type.value === 'select';
    fallback.hidden = item.kind !== 'general';
  };
  type.addEventListener('change', sync);
  sync();
  return cell(values, fallback, pattern, ...(item.kind === 'ticketField' ? [channelBoxes(path, item.channels)] : []));
}

function lookupRow(item: LookupItemSetting, path: string, onRemove: () => void): HTMLTableRowElement {
  const type = h('select', { 'data-field': 'type', 'data-path': `${path}.type`, 'aria-label': '타입' },
    h('option', { value: 'text' }, 'text box'), h('option', { value: 'select' }, 'drop box'));
  type.value = item.type;
  const ticket = item.kind === 'ticketField';
  return h('tr', { 'data-row': 'lookup', 'data-kind': item.kind },
    cell(h('span', { class: `kind ${item.kind}` }, ticket ? '티켓 필드' : '일반')),
    cell(type),
    cell(h('input', { type: 'checkbox', 'data-field': 'required', 'data-path': `${path}.required`, checked: item.required, 'aria-label': '필수 여부' })),
    cell(h('input', { type: 'text', 'data-field': 'label', 'data-path': `${path}.label`, value: item.label, placeholder: '예: 전화번호', 'aria-label': '화면 명칭' })),
    cell(h('input', { type: 'text', 'data-field': 'name', 'data-path': `${path}.name`, value: item.name, placeholder: ticket ? '항목 코드' : '예: callNum', 'aria-label': '변수 명칭', ...(ticket ? { list: 'ticket-field-codes' } : {}) })),
    cell(h('input', { type: 'number', 'data-field': 'maxLength', 'data-path': `${path}.maxLength`, value: item.maxLength, min: 1, max: 1000, 'aria-label': '데이터 길이' })),
    extraCell(item, path, type),
    cell(removeButton(onRemove)),
  );
}

/**
 * Draws one API's 조회항목 설정; removing a row redraws it so field paths stay in step with indexes.
 *
 * @example
 * renderLookupItems(table, api.lookupItems, 'apis[0]');
 */
export function renderLookupItems(table: HTMLTableElement, items: LookupItemSetting[], at: string): void {
  table.replaceChildren(
    head('구분|Kind', '타입|Type', '필수 여부|Required', '화면 명칭|Label', '변수 명칭|JSON key / 항목 코드', '데이터 길이|Max length', '부가 설정|Extra', ''),
    ...items.map((item, i) => lookupRow(item, `${at}.lookupItems[${i}]`, () => {
      const now = readLookupItems(table);
      now.splice(i, 1);
      renderLookupItems(table, now, at);
    })),
  );
}
