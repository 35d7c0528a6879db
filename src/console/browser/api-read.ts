import type { SettingsInput } from '../types.js';
import { readLookupItems, readResultItems } from './item-read.js';

const control = (card: Element, name: string): HTMLInputElement | HTMLSelectElement => {
  const el = card.querySelector(`[data-field="${name}"]`);
  if (!(el instanceof HTMLInputElement) && !(el instanceof HTMLSelectElement)) throw new Error(`API card has no ${name}`);
  return el;
};

/**
 * One card's API as the settings API takes it; an empty key field keeps the key the console has.
 *
 * @example
 * readApi(card).url
 */
export function readApi(card: Element): SettingsInput['apis'][number] {
  const timeout = control(card, 'timeoutMs').value;
  const key = control(card, 'key').value.trim();
  const table = (kind: string): HTMLTableElement => card.querySelector(`table.${kind}`) as HTMLTableElement;
  return {
    id: card.getAttribute('data-api') ?? '',
    name: control(card, 'name').value.trim(),
    url: control(card, 'url').value.trim(),
    signing: card.querySelector<HTMLInputElement>('input.signing-yes')?.checked === true,
    ...(key === '' ? {} : { key }),
    scheme: control(card, 'scheme').value === 'uri+body+timestamp' ? 'uri+body+timestamp' : 'body+timestamp',
    timeoutMs: timeout === '' ? (null as unknown as number) : Number(timeout),
    lookupItems: readLookupItems(table('lookup')),
    resultItems: readResultItems(table('result')),
  };
}
