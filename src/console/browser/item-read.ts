import type { LookupItemSetting, ResultItemSetting } from '../types.js';

function input(row: Element, field: string): HTMLInputElement | HTMLSelectElement {
  const el = row.querySelector(`[data-field="${field}"]`);
  if (!(el instanceof HTMLInputElement) && !(el instanceof HTMLSelectElement)) throw new Error(`row has no ${field}`);
  return el;
}

/**
 * The 조회 항목 rows as the form holds them now. A blank 데이터 길이 becomes `null`, which the
 * server names as that row's field error.
 *
 * @example
 * const items = readLookupItems(byId('lookup-items', HTMLTableElement));
 */
export function readLookupItems(table: HTMLTableElement): LookupItemSetting[] {
  return [...table.querySelectorAll('tr[data-row="lookup"]')].map((row) => {
    const type = input(row, 'type').value === 'select' ? 'select' : 'text';
    const max = input(row, 'maxLength').value;
    return {
      name: input(row, 'name').value.trim(),
      label: input(row, 'label').value.trim(),
      maxLength: max === '' ? (null as unknown as number) : Number(max),
      required: (input(row, 'required') as HTMLInputElement).checked,
      type,
      values: type === 'select' ? input(row, 'values').value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [],
    };
  });
}

/**
 * The 결과 항목 rows as the form holds them now.
 *
 * @example
 * const items = readResultItems(byId('result-items', HTMLTableElement));
 */
export function readResultItems(table: HTMLTableElement): ResultItemSetting[] {
  return [...table.querySelectorAll('tr[data-row="result"]')].map((row) => ({
    name: input(row, 'name').value.trim(),
    label: input(row, 'label').value.trim(),
  }));
}
