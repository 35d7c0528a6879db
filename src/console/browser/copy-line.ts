import { h } from './dom.js';

/**
 * A command line to copy: shown as it is, with 복사 beside it (the clipboard, or the text
 * selected to copy by hand when there is none).
 *
 * @example
 * copyLine('call-line', 'custlink call ...')
 */
export function copyLine(kind: string, text: string): HTMLDivElement {
  const pre = h('pre', { class: kind }, text);
  const note = h('span', { class: 'muted copy-note', role: 'status' });
  const button = h('button', { type: 'button', class: `copy ${kind}-copy` }, '복사 ', h('small', {}, 'Copy'));
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(text).then(
      () => (note.textContent = '복사했습니다.'),
      () => {
        window.getSelection()?.selectAllChildren(pre);
        note.textContent = '클립보드를 쓸 수 없습니다. 선택된 줄을 직접 복사하세요.';
      },
    );
  });
  return h('div', { class: 'copy-line' }, pre, h('div', { class: 'actions' }, button, note));
}
