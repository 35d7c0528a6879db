import type { Channel, LookupItemSetting, ResultItemSetting } from '../types.js';

function input(row: Element, field: string): HTMLInputElement | HTMLSelectElement {
  const el = row.querySelector(`[data-field="${field}"]`);
  if (!(el instanceof HTMLInputElement) && !(el instanceof HTMLSelectElement)) throw new Error(`row has no ${field}`);
  return el;
}

/**
 * One API's 조회항목 rows as the form holds them now. A blank 데이터 길이 becomes `null`, which
 * the server names as that row's field error.
 *
 * @example
 * const items = readLookupItems(card.querySelector('table.lookup'));
 */
export function readLookupItems(table: HTMLTableElement): LookupItemSetting[] {
  return [...table.querySelectorAll('tr[data-row="lookup"]')].map((row) => {
    const kind = row.getAttribute('data-kind') === 'ticketField' ? 'ticketField' : 'general';
    const type = input(row, 'type').value === 'select' ? 'select' : 'text';
    const max = input(row, 'maxLength').value;
    const channels = [...row.querySelectorAll<HTMLInputElement>('[data-field="channels"] input:checked')].map((box) => box.value as Channel);
    return {
      kind,
      name: input(row, 'name').value.trim(),
      label: input(row, 'label').value.trim(),
      maxLength: max === '' ? (null as unknown as number) : Number(max),
      required: (input(row, 'required') as HTMLInputElement).checked,
      type,
      values: type === 'select' ? input(row, 'values').value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [],
      defaultValue: kind === 'general' ? input(row, 'defaultValue').value : '',
      channels: kind === 'ticketField' ? channels : [],
      pattern: type === 'text' ? input(row, 'pattern').value.trim() : '',
    };
  });
}

/**
 * One API's 결과항목 rows as the form holds them now.
 *
 * @example
 * const items = readResultItems(card.querySelector('table.result'));
 */
export function readResultItems(table: HTMLTableElement): ResultItemSetting[] {
  return [...table.querySelectorAll('tr[data-row="result"]')].map((row) => ({
    name: input(row, 'name').value.trim(),
    label: input(row, 'label').value.trim(),
  }));
}
