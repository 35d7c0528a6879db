import type { LookupItemSetting, LookupView } from '../types.js';
import { api } from './api-client.js';
import { customerView, detailBlock, refusalView } from './customer-panel.js';
import { byId, h, replace } from './dom.js';
import { clearIssues, showIssues } from './issues-view.js';

function itemInput(item: LookupItemSetting): HTMLInputElement | HTMLSelectElement {
  const common = { id: `lookup-${item.name}`, 'data-item': item.name, 'data-path': `values.${item.name}` };
  if (item.type === 'select') {
    const none = item.required ? null : h('option', { value: '' }, '(선택 안 함 · none)');
    return h('select', common, none, ...item.values.map((v) => h('option', { value: v }, v)));
  }
  // No maxlength attribute: a value over 데이터 길이 is refused by the console with a message,
  // which is what a developer wants to see when checking their limits.
  return h('input', { ...common, type: 'text', autocomplete: 'off' });
}

/**
 * Draws the ticket's 조회 항목 inputs from the saved settings: a text box or a drop box each,
 * with its label, 데이터 길이 and whether it is required.
 *
 * @example
 * renderLookupInputs(view.settings.lookupItems);
 */
export function renderLookupInputs(items: readonly LookupItemSetting[]): void {
  const container = byId('lookup-inputs', HTMLDivElement);
  replace(container, ...items.map((item) => h('div', { class: 'field' },
    h('label', { for: `lookup-${item.name}` }, item.label, item.required ? ' *' : '', ' ', h('small', {}, item.name)),
    h('div', {}, itemInput(item), h('div', { class: 'muted' }, `최대 ${item.maxLength}자 · max ${item.maxLength}${item.required ? ' · 필수 required' : ''}`)))));
}

function readValues(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of byId('lookup-inputs', HTMLDivElement).querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-item]')) {
    values[el.dataset.item ?? ''] = el.value;
  }
  return values;
}

/**
 * 고객정보 조회: sends the ticket's values through the console and shows what the agent would
 * see in the 고객 정보 panel, with the technical block under 상세.
 *
 * @example
 * form.addEventListener('submit', (e) => { e.preventDefault(); void lookUp(); });
 */
export async function lookUp(): Promise<void> {
  const form = byId('lookup-form', HTMLFormElement);
  const button = byId('lookup', HTMLButtonElement);
  const body = byId('customer-body', HTMLDivElement);
  const detail = byId('customer-detail', HTMLDivElement);
  button.disabled = true;
  replace(body, h('p', { class: 'muted' }, '조회 중… ', h('small', {}, 'looking up')));
  replace(detail);
  try {
    const answer = await api<LookupView>('POST', '/api/lookup', { values: readValues() });
    if (answer.ok) {
      clearIssues(form);
      replace(body, ...customerView(answer.value));
      replace(detail, detailBlock(answer.value.detail));
    } else {
      showIssues(form, answer.error.issues ?? []);
      replace(body, refusalView(answer.error));
    }
  } finally {
    button.disabled = false;
  }
}
