import type { ResultItemSetting } from '../types.js';
import { h } from './dom.js';
import { readResultItems } from './item-read.js';
import { cell, head, removeButton } from './row-parts.js';

/**
 * Draws one API's 결과항목 설정; removing a row redraws it so field paths stay in step with indexes.
 *
 * @example
 * renderResultItems(table, api.resultItems, 'apis[0]');
 */
export function renderResultItems(table: HTMLTableElement, items: ResultItemSetting[], at: string): void {
  table.replaceChildren(
    head('화면 명칭|Label shown to the agent', '데이터 명칭|Key in data', ''),
    ...items.map((item, i) => {
      const path = `${at}.resultItems[${i}]`;
      return h('tr', { 'data-row': 'result' },
        cell(h('input', { type: 'text', 'data-field': 'label', 'data-path': `${path}.label`, value: item.label, placeholder: '예: 고객명', 'aria-label': '화면 명칭' })),
        cell(h('input', { type: 'text', 'data-field': 'name', 'data-path': `${path}.name`, value: item.name, placeholder: '예: userName', 'aria-label': '데이터 명칭' })),
        cell(removeButton(() => {
          const now = readResultItems(table);
          now.splice(i, 1);
          renderResultItems(table, now, at);
        })));
    }),
  );
}
