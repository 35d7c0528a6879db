import type { SettingsInput, SettingsView } from '../types.js';
import { api } from './api-client.js';
import { refusalView } from './customer-panel.js';
import { alertBox, byId, h, replace } from './dom.js';
import { clearIssues, showIssues } from './issues-view.js';
import { readLookupItems, readResultItems } from './item-read.js';
import { renderLookupItems, renderResultItems } from './item-rows.js';

const form = (): HTMLFormElement => byId('settings-form', HTMLFormElement);
const input = (id: string): HTMLInputElement => byId(id, HTMLInputElement);

/**
 * Fills the API 설정 form from the server's view. The key itself is never in the form: only its
 * masked form, or, right after 키 생성, the whole key once in a box to copy.
 *
 * @example
 * fillSettings(answer.value);
 */
export function fillSettings(view: SettingsView): void {
  const { settings, key } = view;
  input('url').value = settings.url;
  input(settings.signing ? 'signing-yes' : 'signing-no').checked = true;
  input('key').value = '';
  byId('key-masked', HTMLSpanElement).textContent = key.set ? key.masked : '(없음 · none)';
  byId('scheme', HTMLSelectElement).value = settings.scheme;
  input('timeoutMs').value = String(settings.timeoutMs);
  renderLookupItems(byId('lookup-items', HTMLTableElement), settings.lookupItems);
  renderResultItems(byId('result-items', HTMLTableElement), settings.resultItems);
  const generated = byId('key-generated', HTMLDivElement);
  if (key.generated === undefined) replace(generated);
  else {
    replace(generated, alertBox('info', { ko: '새 암호화 키입니다. 지금 한 번만 표시되니 엔드포인트 설정(CUSTLINK_KEY)에 복사하세요.', en: 'The new key, shown this once: copy it into the endpoint config (CUSTLINK_KEY).' },
      h('div', {}, h('code', { class: 'keybox', id: 'generated-key' }, key.generated))));
  }
}

/**
 * The form's settings as the API takes them; an empty key field keeps the saved key.
 *
 * @example
 * await api('PUT', '/api/settings', readSettings());
 */
export function readSettings(): SettingsInput {
  const timeout = input('timeoutMs').value;
  const key = input('key').value.trim();
  return {
    url: input('url').value.trim(),
    signing: input('signing-yes').checked,
    ...(key === '' ? {} : { key }),
    scheme: byId('scheme', HTMLSelectElement).value === 'uri+body+timestamp' ? 'uri+body+timestamp' : 'body+timestamp',
    timeoutMs: timeout === '' ? (null as unknown as number) : Number(timeout),
    lookupItems: readLookupItems(byId('lookup-items', HTMLTableElement)),
    resultItems: readResultItems(byId('result-items', HTMLTableElement)),
  };
}

/**
 * Runs `work` with the button disabled, so a double click sends one request.
 *
 * @example
 * await busy(button, () => api('GET', '/api/settings'));
 */
export async function busy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}

/**
 * 저장: validates on the server, shows field errors in place, and hands the saved settings on.
 *
 * @example
 * await saveSettings((view) => renderLookupInputs(view.settings.lookupItems));
 */
export async function saveSettings(onSaved: (view: SettingsView) => void): Promise<void> {
  const status = byId('settings-status', HTMLDivElement);
  const answer = await busy(byId('save', HTMLButtonElement), () => api<SettingsView>('PUT', '/api/settings', readSettings()));
  if (!answer.ok) {
    const unplaced = showIssues(form(), answer.error.issues ?? []);
    replace(status, refusalView({ ...answer.error, issues: unplaced }));
    return;
  }
  clearIssues(form());
  fillSettings(answer.value);
  replace(status, alertBox('ok', { ko: '저장되었습니다.', en: 'Saved.' }));
  onSaved(answer.value);
}
