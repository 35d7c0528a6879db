import type { ApiLookupView, LookupItemSetting, PublicApiSetting } from '../types.js';
import { api } from './api-client.js';
import { CHANNELS } from './channels.js';
import { customerBlock, refusalView } from './customer-panel.js';
import { byId, h, ko, replace } from './dom.js';
import { clearIssues, showIssues } from './issues-view.js';
import { createdText, renderOtherTickets } from './other-tickets-view.js';
import { SAMPLE_TICKETS, TICKET_FIELDS, type SampleTicket } from './tickets.js';

let apis: PublicApiSetting[] = [];
let current: SampleTicket | undefined;

const channelName = (id: string): string => CHANNELS.find((c) => c.id === id)?.ko ?? id;

function itemInput(apiId: string, item: LookupItemSetting, value: string): HTMLInputElement | HTMLSelectElement {
  const common = { id: `search-${apiId}-${item.name}`, 'data-item': item.name, 'data-path': `values.${item.name}` };
  if (item.type === 'select') {
    const select = h('select', common, item.required ? null : h('option', { value: '' }, '(선택 안 함)'), ...item.values.map((v) => h('option', { value: v }, v)));
    select.value = value;
    return select;
  }
  // No maxlength attribute: a value over 데이터 길이 is refused by the console with a message.
  return h('input', { ...common, type: 'text', autocomplete: 'off', value });
}

/** The value an item starts with: the ticket's field for a 티켓 필드, the default for 일반. */
function startValue(item: LookupItemSetting, ticket: SampleTicket | undefined): string {
  return item.kind === 'ticketField' ? (ticket?.fields[item.name] ?? '') : item.defaultValue;
}

function searchBox(a: PublicApiSetting): HTMLFieldSetElement {
  const button = h('button', { type: 'button', class: 'primary search' }, '조회');
  const box = h('fieldset', { class: 'search-api', 'data-api': a.id },
    h('legend', {}, a.name),
    h('div', { class: 'search-grid' }, ...a.lookupItems.map((item) => h('label', { class: 'search-item' },
      h('span', {}, item.label, item.required ? ' *' : '', item.kind === 'ticketField' ? h('small', {}, ' 티켓 필드') : null),
      itemInput(a.id, item, startValue(item, current))))),
    h('div', { class: 'actions' }, button));
  button.addEventListener('click', () => void lookUp(a.id));
  return box;
}

/**
 * Draws 정보검색 from the saved APIs: each API's inputs, filled from the open ticket.
 *
 * @example
 * renderSearch(view.apis);
 */
export function renderSearch(saved: PublicApiSetting[]): void {
  apis = saved;
  replace(byId('search-area', HTMLDivElement), ...apis.map(searchBox));
}

function readValues(box: Element): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of box.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-item]')) values[el.dataset.item ?? ''] = el.value;
  return values;
}

function block(apiId: string): HTMLElement {
  const blocks = byId('customer-blocks', HTMLDivElement);
  let el = blocks.querySelector<HTMLElement>(`section.api-block[data-api="${CSS.escape(apiId)}"]`);
  if (el === null) {
    el = h('section', { class: 'api-block', 'data-api': apiId });
    blocks.append(el);
  }
  return el;
}

/**
 * 조회 for one API: the 정보검색 values go through the console, and the API's block in 고객정보
 * shows what the agent would see.
 *
 * @example
 * await lookUp('api-1');
 */
export async function lookUp(apiId: string): Promise<void> {
  const box = byId('search-area', HTMLDivElement).querySelector(`fieldset[data-api="${CSS.escape(apiId)}"]`);
  if (box === null) return;
  const name = apis.find((a) => a.id === apiId)?.name ?? apiId;
  const target = block(apiId);
  replace(target, h('h3', {}, name), h('p', { class: 'muted' }, '조회 중…'));
  const answer = await api<ApiLookupView>('POST', '/api/lookup', { api: apiId, values: readValues(box) });
  if (answer.ok) {
    clearIssues(box);
    target.replaceWith(customerBlock(answer.value));
  } else {
    showIssues(box, answer.error.issues ?? []);
    replace(target, h('h3', {}, name), refusalView(answer.error));
  }
}

function ticketView(ticket: SampleTicket): HTMLElement[] {
  const fields = TICKET_FIELDS.filter((f) => ticket.fields[f.code] !== undefined);
  return [
    h('div', { class: 'meta' }, `티켓 #${ticket.id} · 접수 ${createdText(ticket.created)} · 채널 `, h('strong', { class: 'channel' }, channelName(ticket.channel))),
    h('h2', {}, ticket.subject),
    h('blockquote', {}, ticket.message),
    h('h3', {}, ...ko('티켓 필드', 'Ticket fields')),
    h('table', { class: 'kv ticket-fields' }, ...fields.map((f) => h('tr', { 'data-field': f.code }, h('th', {}, f.ko, ' ', h('small', {}, f.code)), h('td', {}, ticket.fields[f.code] ?? '')))),
  ];
}

/** The APIs Online Contact looks up when this ticket opens: a 티켓 필드 for its channel, with a value. */
function autoApis(ticket: SampleTicket): PublicApiSetting[] {
  return apis.filter((a) => a.lookupItems.some((item) => item.kind === 'ticketField' && item.channels.includes(ticket.channel) && (ticket.fields[item.name] ?? '') !== ''));
}

/**
 * Opens a ticket: its fields, 정보검색 filled from them, and the automatic lookups its channel
 * is configured for.
 *
 * @example
 * await openTicket(SAMPLE_TICKETS[0]);
 */
export async function openTicket(ticket: SampleTicket): Promise<void> {
  current = ticket;
  for (const row of byId('ticket-list', HTMLTableElement).querySelectorAll('tr[data-ticket]')) row.classList.toggle('open', row.getAttribute('data-ticket') === ticket.id);
  replace(byId('ticket-view', HTMLDivElement), ...ticketView(ticket));
  renderSearch(apis);
  renderOtherTickets(ticket, apis, (other) => void openTicket(other));
  const auto = autoApis(ticket);
  replace(byId('customer-blocks', HTMLDivElement), auto.length === 0 ? h('p', { class: 'muted' }, '자동 조회 대상이 아닙니다. 정보검색에서 조회하세요.') : null);
  await Promise.all(auto.map((a) => lookUp(a.id)));
}

/**
 * Draws the sample ticket list; a click opens the ticket.
 *
 * @example
 * renderTicketList();
 */
export function renderTicketList(): void {
  const table = byId('ticket-list', HTMLTableElement);
  table.replaceChildren(
    h('tr', {}, h('th', {}, '채널'), h('th', {}, '제목'), h('th', {}, '이름')),
    ...SAMPLE_TICKETS.map((ticket) => {
      const row = h('tr', { 'data-ticket': ticket.id, tabindex: 0 },
        h('td', {}, channelName(ticket.channel)), h('td', {}, ticket.subject), h('td', {}, ticket.fields.userName ?? ''));
      row.addEventListener('click', () => void openTicket(ticket));
      row.addEventListener('keydown', (event) => event.key === 'Enter' && void openTicket(ticket));
      return row;
    }),
  );
}
