import type { KeyView } from '../types.js';
import { api } from './api-client.js';
import { refusalView } from './customer-panel.js';
import { alertBox, h, replace } from './dom.js';

const CHANGE_CONFIRM = [
  '암호화 키를 변경할까요? Change the key?',
  '',
  '변경 즉시 이전 키는 더 이상 동작하지 않습니다. The old key stops working at once.',
  '엔드포인트가 전환하는 동안 두 키를 모두 받게 하려면 custlink.yaml의 auth.keys에 새 키를 먼저 추가하세요.',
  'To switch without a gap, list the new key in custlink.yaml\'s auth.keys beside the old one first.',
].join('\n');

function note(card: Element): HTMLDivElement {
  return card.querySelector('.key-note') as HTMLDivElement;
}

function showNewKey(card: Element, key: KeyView, changed: boolean): void {
  card.setAttribute('data-key-set', 'true');
  const masked = card.querySelector('.key-masked');
  if (masked) masked.textContent = key.masked;
  const fingerprint = card.querySelector('.key-fingerprint');
  if (fingerprint) fingerprint.textContent = key.fingerprint;
  const yaml = `auth:\n  keys:\n    - ${key.generated ?? ''}   # 새 키 new\n    - \${OLD_KEY}   # 이전 키: 헬프데스크 전환 뒤 삭제 · old: remove after the switch`;
  replace(note(card), alertBox('info',
    { ko: '새 암호화 키입니다. 지금 한 번만 표시되니 엔드포인트 설정에 복사하세요.', en: 'The new key, shown this once: copy it into the endpoint config.' },
    h('div', {}, h('code', { class: 'keybox generated-key' }, key.generated ?? '')),
    h('div', { class: 'muted' }, `지문 fingerprint ${key.fingerprint} · custlink keygen --fingerprint`),
    changed ? h('pre', { class: 'yaml' }, yaml) : null));
}

/**
 * 예 (a key at once when there is none) and 키 변경 (after a confirmation that the old key stops
 * working at once): the console makes the key and shows it here once.
 *
 * @example
 * await newKey(card, 'change');
 */
export async function newKey(card: Element, why: 'yes' | 'change'): Promise<void> {
  if (why === 'change' && !window.confirm(CHANGE_CONFIRM)) return;
  const answer = await api<KeyView>('POST', '/api/key', { api: card.getAttribute('data-api') });
  if (!answer.ok) return replace(note(card), refusalView(answer.error));
  showNewKey(card, answer.value, why === 'change');
}

/**
 * 복사: the page holds no key, so it asks the console for it and puts it on the clipboard.
 *
 * @example
 * await copyKey(card);
 */
export async function copyKey(card: Element): Promise<void> {
  const answer = await api<KeyView>('POST', '/api/key/copy', { api: card.getAttribute('data-api') });
  if (!answer.ok || answer.value.generated === undefined) {
    return replace(note(card), alertBox('info', { ko: '복사할 키가 없습니다.', en: 'There is no key to copy.' }));
  }
  try {
    await navigator.clipboard.writeText(answer.value.generated);
    replace(note(card), alertBox('ok', { ko: '복사했습니다.', en: 'Copied.' }));
  } catch {
    // No clipboard (an insecure origin, a denied permission): show it once to copy by hand.
    replace(note(card), alertBox('info', { ko: '클립보드를 쓸 수 없어 키를 표시합니다.', en: 'No clipboard: here is the key to copy.' }, h('code', { class: 'keybox' }, answer.value.generated)));
  }
}
