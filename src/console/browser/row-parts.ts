import { h, ko } from './dom.js';

/**
 * A table cell holding controls.
 *
 * @example
 * cell(h('input', { type: 'text' })) // <td><input type="text"></td>
 */
export function cell(...children: Array<Node | string>): HTMLTableCellElement {
  return h('td', {}, ...children);
}

/**
 * 삭제 for one row of an item table; the table redraws itself so paths follow indexes.
 *
 * @example
 * cell(removeButton(() => redraw()))
 */
export function removeButton(onRemove: () => void): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'remove', title: '삭제 · remove' }, '삭제');
  button.addEventListener('click', onRemove);
  return button;
}

/**
 * A header row from `한국어|English` labels; an empty label leaves its column (삭제) untitled.
 *
 * @example
 * head('화면 명칭|Label', '데이터 명칭|Key in data', '')
 */
export function head(...labels: string[]): HTMLTableRowElement {
  return h('tr', {}, ...labels.map((t) => {
    const [k = '', e = ''] = t.split('|');
    return h('th', {}, ...(k === '' ? [] : ko(k, e)));
  }));
}
