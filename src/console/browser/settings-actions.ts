import type { ConnectionTestView } from '../types.js';
import { readApi } from './api-read.js';
import { api } from './api-client.js';
import { detailBlock, refusalView } from './customer-panel.js';
import { alertBox, h, replace } from './dom.js';
import { showIssues } from './issues-view.js';
import { busy } from './settings-form.js';

/**
 * 연결 테스트: a lookup with sample values under one card's settings (saved or not).
 *
 * @example
 * await testConnection(card, button);
 */
export async function testConnection(card: Element, button: HTMLButtonElement): Promise<void> {
  const out = card.querySelector('.test-result') as HTMLDivElement;
  replace(out, h('p', { class: 'muted' }, '테스트 중… ', h('small', {}, 'testing')));
  const answer = await busy(button, () => api<ConnectionTestView>('POST', '/api/test', { api: readApi(card) }));
  if (!answer.ok) {
    const at = `apis[${card.getAttribute('data-index') ?? '0'}]`;
    const issues = (answer.error.issues ?? []).map((i) => ({ ...i, path: i.path === '' ? at : `${at}.${i.path}` }));
    const unplaced = showIssues(card, issues);
    return replace(out, refusalView({ ...answer.error, issues: unplaced }));
  }
  const view = answer.value;
  replace(out, alertBox(view.verdict.level === 'ok' ? 'ok' : view.verdict.level === 'unproven' ? 'info' : 'bad', view.verdict,
    h('div', {}, `${view.status === 0 ? '응답 없음 · no answer' : `HTTP ${view.status}`} · ${view.message.ko} · ${view.elapsedMs} ms`),
    h('div', { class: 'muted' }, `보낸 값 · sent: ${JSON.stringify(view.values)}`)), detailBlock(view));
}
