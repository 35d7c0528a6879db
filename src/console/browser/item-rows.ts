import type { LookupItemSetting, ResultItemSetting } from '../types.js';
import { h, ko } from './dom.js';
import { readLookupItems, readResultItems } from './item-read.js';

const cell = (...children: Node[]): HTMLTableCellElement => h('td', {}, ...children);
const removeButton = (onRemove: () => void): HTMLButtonElement => {
  const button = h('button', { type: 'button', class: 'remove', title: '삭제 · remove' }, '삭제');
  button.addEventListener('click', onRemove);
  return button;
};

function lookupRow(item: LookupItemSetting, i: number, onRemove: () => void): HTMLTableRowElement {
  const path = `lookupItems[${i}]`;
  const type = h('select', { 'data-field': 'type', 'data-path': `${path}.type` },
    h('option', { value: 'text' }, '텍스트 (text)'), h('option', { value: 'select' }, '드롭박스 (drop box)'));
  type.value = item.type;
  const values = h('input', { type: 'text', 'data-field': 'values', 'data-path': `${path}.values`, value: item.values.join(', '), placeholder: 'korea, japan', 'aria-label': '드롭박스 값', disabled: item.type !== 'select' });
  // Values mean something only for a drop box; a text item would silently drop them on save.
  type.addEventListener('change', () => (values.disabled = type.value !== 'select'));
  return h('tr', { 'data-row': 'lookup' },
    cell(h('input', { type: 'text', 'data-field': 'name', 'data-path': `${path}.name`, value: item.name, placeholder: '예: callNum', 'aria-label': '변수명' })),
    cell(h('input', { type: 'text', 'data-field': 'label', 'data-path': `${path}.label`, value: item.label, placeholder: '예: 전화번호', 'aria-label': '항목명' })),
    cell(h('input', { type: 'number', 'data-field': 'maxLength', 'data-path': `${path}.maxLength`, value: item.maxLength, min: 1, max: 1000, 'aria-label': '데이터 길이' })),
    cell(h('input', { type: 'checkbox', 'data-field': 'required', 'data-path': `${path}.required`, checked: item.required, 'aria-label': '필수' })),
    cell(type),
    cell(values),
    cell(removeButton(onRemove)),
  );
}

function resultRow(item: ResultItemSetting, i: number, onRemove: () => void): HTMLTableRowElement {
  const path = `resultItems[${i}]`;
  return h('tr', { 'data-row': 'result' },
    cell(h('input', { type: 'text', 'data-field': 'name', 'data-path': `${path}.name`, value: item.name, placeholder: '예: userName', 'aria-label': '변수명' })),
    cell(h('input', { type: 'text', 'data-field': 'label', 'data-path': `${path}.label`, value: item.label, placeholder: '예: 고객명', 'aria-label': '항목명' })),
    cell(removeButton(onRemove)),
  );
}

/**
 * Draws the 조회 항목 editor; removing a row redraws it so field paths stay in step with indexes.
 *
 * @example
 * renderLookupItems(table, settings.lookupItems);
 */
export function renderLookupItems(table: HTMLTableElement, items: LookupItemSetting[]): void {
  const head = h('tr', {}, ...['변수명|Variable', '항목명|Label', '데이터 길이|Max length', '필수|Required', '유형|Type', '드롭박스 값|Values, comma-separated', ''].map((t) => {
    const [k = '', e = ''] = t.split('|');
    return h('th', {}, ...ko(k, e));
  }));
  table.replaceChildren(head, ...items.map((item, i) => lookupRow(item, i, () => {
    const now = readLookupItems(table);
    now.splice(i, 1);
    renderLookupItems(table, now);
  })));
}

/**
 * Draws the 결과 항목 editor.
 *
 * @example
 * renderResultItems(table, settings.resultItems);
 */
export function renderResultItems(table: HTMLTableElement, items: ResultItemSetting[]): void {
  const head = h('tr', {}, h('th', {}, ...ko('변수명', 'Variable')), h('th', {}, ...ko('항목명', 'Label shown to the agent')), h('th', {}));
  table.replaceChildren(head, ...items.map((item, i) => resultRow(item, i, () => {
    const now = readResultItems(table);
    now.splice(i, 1);
    renderResultItems(table, now);
  })));
}

/**
 * Adds an empty row to an item editor (the server names what is still missing on 저장).
 *
 * @example
 * addRow(byId('lookup-items', HTMLTableElement), 'lookup');
 */
export function addRow(table: HTMLTableElement, kind: 'lookup' | 'result'): void {
  if (kind === 'lookup') {
    renderLookupItems(table, [...readLookupItems(table), { name: '', label: '', maxLength: 20, required: false, type: 'text', values: [] }]);
  } else {
    renderResultItems(table, [...readResultItems(table), { name: '', label: '' }]);
  }
  table.querySelector<HTMLInputElement>('tr:last-child input')?.focus();
}
