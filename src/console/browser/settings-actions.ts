import type { ConnectionTestView, SettingsView } from '../types.js';
import { api } from './api-client.js';
import { detailBlock, refusalView } from './customer-panel.js';
import { alertBox, byId, h, replace } from './dom.js';
import { showIssues } from './issues-view.js';
import { renderLookupItems, renderResultItems } from './item-rows.js';
import { busy, fillSettings, readSettings } from './settings-form.js';

const input = (id: string): HTMLInputElement => byId(id, HTMLInputElement);

/**
 * 키 생성: the server makes and stores a 24-character key and shows it here once.
 *
 * @example
 * await generateKey(onSaved);
 */
export async function generateKey(onSaved: (view: SettingsView) => void): Promise<void> {
  const answer = await busy(byId('generate-key', HTMLButtonElement), () => api<SettingsView>('POST', '/api/key', {}));
  if (!answer.ok) return replace(byId('settings-status', HTMLDivElement), refusalView(answer.error));
  const current = readSettings();
  fillSettings(answer.value);
  // Unsaved edits in the rest of the form survive: only the key and 암호화 여부 came back.
  input('url').value = current.url;
  byId('scheme', HTMLSelectElement).value = current.scheme;
  input('timeoutMs').value = String(current.timeoutMs ?? '');
  renderLookupItems(byId('lookup-items', HTMLTableElement), current.lookupItems);
  renderResultItems(byId('result-items', HTMLTableElement), current.resultItems);
  onSaved(answer.value);
}

/**
 * 연결 테스트: a lookup with sample values under the form's settings (saved or not).
 *
 * @example
 * await testConnection();
 */
export async function testConnection(): Promise<void> {
  const out = byId('test-result', HTMLDivElement);
  replace(out, h('p', { class: 'muted' }, '테스트 중… ', h('small', {}, 'testing')));
  const answer = await busy(byId('test', HTMLButtonElement), () => api<ConnectionTestView>('POST', '/api/test', { settings: readSettings() }));
  if (!answer.ok) {
    const unplaced = showIssues(byId('settings-form', HTMLFormElement), answer.error.issues ?? []);
    return replace(out, refusalView({ ...answer.error, issues: unplaced }));
  }
  const view = answer.value;
  replace(out, alertBox(view.verdict.ok ? 'ok' : 'bad', view.verdict,
    h('div', {}, `${view.status === 0 ? '응답 없음 · no answer' : `HTTP ${view.status}`} · ${view.message.ko} · ${view.elapsedMs} ms`),
    h('div', { class: 'muted' }, `보낸 값 · sent: ${JSON.stringify(view.values)}`)), detailBlock(view.detail));
}
