import type { PublicApiSetting, SettingsInput, SettingsView } from '../types.js';
import { api } from './api-client.js';
import { apiCard } from './api-card.js';
import { readApi } from './api-read.js';
import { refusalView } from './customer-panel.js';
import { alertBox, byId, h, replace } from './dom.js';
import { clearIssues, showIssues } from './issues-view.js';
import { saveErrorView } from './settings-errors.js';
import { TICKET_FIELDS } from './tickets.js';

const form = (): HTMLFormElement => byId('settings-form', HTMLFormElement);
const container = (): HTMLDivElement => byId('apis', HTMLDivElement);
let keys: SettingsView['keys'] = {};

/**
 * Draws API 설정 from the server's view, one card per API. Keys are never in the form: only
 * masked, with their fingerprint.
 *
 * @example
 * fillSettings(answer.value);
 */
export function fillSettings(view: SettingsView): void {
  keys = view.keys;
  drawApis(view.apis);
  replace(byId('ticket-field-codes', HTMLDataListElement), ...TICKET_FIELDS.map((f) => h('option', { value: f.code }, `${f.ko} (${f.en})`)));
}

function drawApis(apis: SettingsInput['apis']): void {
  replace(container(), ...apis.map((a, i) => apiCard(a, keys[a.id], i)));
}

/**
 * Every API as the form holds it now.
 *
 * @example
 * await api('PUT', '/api/settings', readSettings());
 */
function readSettings(): SettingsInput {
  return { apis: [...container().querySelectorAll('fieldset.api')].map(readApi) };
}

/**
 * 추가: a new API card with the guide's items, keeping unsaved edits in the others.
 *
 * @example
 * addApi();
 */
export function addApi(): void {
  const apis = readSettings().apis;
  const template = apis[apis.length - 1];
  const id = `api-${Date.now().toString(36)}`;
  const fresh: PublicApiSetting = {
    id, name: '', url: '', signing: false, scheme: 'body+timestamp', timeoutMs: 5000,
    lookupItems: template ? structuredClone(template.lookupItems) : [],
    resultItems: template ? structuredClone(template.resultItems) : [],
  };
  drawApis([...apis, fresh]);
  container().querySelector<HTMLInputElement>('fieldset.api:last-child [data-field="name"]')?.focus();
}

/**
 * API 삭제: drops one card (saved only on 저장), redrawing the rest so paths follow indexes.
 *
 * @example
 * removeApi(card);
 */
export function removeApi(card: Element): void {
  const id = card.getAttribute('data-api');
  drawApis(readSettings().apis.filter((a) => a.id !== id));
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
 * await saveSettings((view) => renderSearch(view.apis));
 */
export async function saveSettings(onSaved: (view: SettingsView) => void): Promise<void> {
  const status = byId('settings-status', HTMLDivElement);
  const answer = await busy(byId('save', HTMLButtonElement), () => api<SettingsView>('PUT', '/api/settings', readSettings()));
  if (!answer.ok) {
    const issues = answer.error.issues ?? [];
    if (issues.length === 0) return replace(status, refusalView(answer.error));
    showIssues(form(), issues);
    replace(status, saveErrorView(form(), issues));
    return;
  }
  clearIssues(form());
  fillSettings(answer.value);
  replace(status, alertBox('ok', { ko: '저장되었습니다.', en: 'Saved.' }));
  onSaved(answer.value);
}
