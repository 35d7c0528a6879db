import type { KeyView } from '../types.js';
import { h, ko } from './dom.js';

/**
 * 암호화 키 of an API card: the key masked with its fingerprint, 복사 and 키 변경, and a field to
 * type a key over it. The page holds only the masked key; a key typed but not saved yet survives a
 * redraw (추가, API 삭제).
 *
 * @example
 * field(ko('암호화 키', 'Security key'), keyBlock(api, view.keys[api.id], 'apis[0]'));
 */
export function keyBlock(api: { name: string; key?: string }, key: KeyView | undefined, at: string): HTMLDivElement {
  return h('div', { class: 'key' },
    h('div', {}, '현재 키 ', h('small', {}, 'current'), ': ', h('span', { class: 'key-masked muted' }, key?.set ? key.masked : '(없음 · none)'),
      key?.set ? h('span', { class: 'muted' }, ` · 지문 fingerprint `, h('code', { class: 'key-fingerprint' }, key.fingerprint)) : null),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'copy-key' }, ...ko('복사', 'Copy')),
      h('button', { type: 'button', class: 'change-key' }, ...ko('키 변경', 'Change key'))),
    h('input', { type: 'text', class: 'key-input', 'data-field': 'key', 'data-path': `${at}.key`, value: api.key ?? '', placeholder: '키 직접 입력 (비우면 유지) · type a key to replace it', autocomplete: 'off', spellcheck: 'false', 'aria-label': `${api.name} 암호화 키` }),
    h('div', { class: 'key-note' }));
}
