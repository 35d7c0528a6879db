import type { LookupItemSetting } from '../types.js';
import { readLookupItems, readResultItems } from './item-read.js';
import { renderLookupItems } from './lookup-rows.js';
import { renderResultItems } from './result-rows.js';

/** What the + buttons under the two item tables add. */
export type RowKind = 'general' | 'ticketField' | 'result';

/**
 * Adds an empty row (일반, 티켓 필드 or 결과항목); the server names what is still missing on 저장.
 *
 * @example
 * addRow(table, 'ticketField', 'apis[0]');
 */
export function addRow(table: HTMLTableElement, kind: RowKind, at: string): void {
  if (kind === 'result') renderResultItems(table, [...readResultItems(table), { name: '', label: '' }], at);
  else {
    const empty: LookupItemSetting = { kind, name: '', label: '', maxLength: 20, required: false, type: 'text', values: [], defaultValue: '', channels: kind === 'ticketField' ? ['phone'] : [] };
    renderLookupItems(table, [...readLookupItems(table), empty], at);
  }
  table.querySelector<HTMLInputElement>('tr:last-child input[type="text"]')?.focus();
}
