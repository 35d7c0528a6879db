import type { PublicApiSetting } from '../types.js';
import { CHANNELS } from './channels.js';
import { byId, h, ko, replace } from './dom.js';
import { createdText, renderOtherTickets } from './other-tickets-view.js';
import { cancelLookups, lookUp, renderSearch, searchApis } from './search.js';
import { shownTickets, TICKET_FIELDS, type SampleTicket } from './tickets.js';

const channelName = (id: string): string => CHANNELS.find((c) => c.id === id)?.ko ?? id;

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
function autoApis(apis: readonly PublicApiSetting[], ticket: SampleTicket): PublicApiSetting[] {
  return apis.filter((a) => a.lookupItems.some((item) => item.kind === 'ticketField' && item.channels.includes(ticket.channel) && (ticket.fields[item.name] ?? '') !== ''));
}

/**
 * Opens a ticket: its fields, 정보검색 filled from them, and the automatic lookups its channel
 * is configured for.
 *
 * @example
 * await openTicket(shownTickets()[0]!);
 */
async function openTicket(ticket: SampleTicket): Promise<void> {
  cancelLookups();
  const apis = searchApis();
  for (const row of byId('ticket-list', HTMLTableElement).querySelectorAll('tr[data-ticket]')) row.classList.toggle('open', row.getAttribute('data-ticket') === ticket.id);
  replace(byId('ticket-view', HTMLDivElement), ...ticketView(ticket));
  renderSearch(apis, ticket);
  renderOtherTickets(ticket, apis, (other) => void openTicket(other));
  const auto = autoApis(apis, ticket);
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
    ...shownTickets().map((ticket) => {
      const row = h('tr', { 'data-ticket': ticket.id, tabindex: 0 },
        h('td', {}, channelName(ticket.channel)), h('td', {}, ticket.subject), h('td', {}, ticket.fields.userName ?? ''));
      row.addEventListener('click', () => void openTicket(ticket));
      row.addEventListener('keydown', (event) => event.key === 'Enter' && void openTicket(ticket));
      return row;
    }),
  );
}
