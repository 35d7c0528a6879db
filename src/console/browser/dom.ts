/**
 * DOM building for the page. Text only ever goes in through `textContent` or attribute values,
 * so customer data (untrusted) can never become markup, whatever it contains.
 */

export type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | undefined>;

/**
 * An element with attributes and children; strings become text nodes.
 *
 * @example
 * h('td', { class: 'missing' }, value) // <td class="missing">value as text</td>
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else if (name === 'checked' && el instanceof HTMLInputElement) el.checked = value === true;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/**
 * A Korean label with its English subtitle.
 *
 * @example
 * h('th', {}, ...ko('고객명', 'Name'))
 */
export function ko(korean: string, english: string): Child[] {
  return [korean, ' ', h('small', {}, english)];
}

/**
 * The element with this id, typed; a missing one is a bug in the page frame.
 *
 * @example
 * const form = byId('settings-form', HTMLFormElement);
 */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`page frame has no #${id}`);
  return el;
}

/**
 * Replaces an element's children.
 *
 * @example
 * replace(byId('customer-body', HTMLDivElement), alertBox('bad', message))
 */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const child of children) if (child) parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
}

/**
 * A coloured message box: the agent's message, a refusal, a notice.
 *
 * @example
 * alertBox('bad', { ko: '조회 결과가 없습니다.', en: 'No result.' })
 */
export function alertBox(kind: 'ok' | 'bad' | 'info', message: { ko: string; en: string }, ...more: Child[]): HTMLDivElement {
  return h('div', { class: `alert ${kind}`, role: kind === 'bad' ? 'alert' : 'status' }, h('strong', {}, message.ko), h('span', { class: 'en' }, message.en), ...more);
}
