import type { PublicApiSetting } from '../types.js';
import { CHANNELS } from './channels.js';
import { byId, h, replace } from './dom.js';
import { customerFieldCodes, otherTickets } from './other-tickets.js';
import { shownTickets, TICKET_FIELDS, type SampleTicket } from './tickets.js';

/**
 * 접수 일시 as the ticket screen shows it (local time, to the minute).
 *
 * @example
 * createdText(new Date(2026, 0, 1, 10, 42)); // '2026-01-01 10:42'
 */
export function createdText(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * Draws "이 고객의 다른 티켓 (최근 3개월)" in 부가정보 for the open ticket; nothing when no API has
 * 아이디, 전화번호, 이메일 or 이름 as a 티켓 필드 lookup item. A row opens its ticket.
 *
 * @example
 * renderOtherTickets(ticket, apis, (t) => void openTicket(t));
 */
export function renderOtherTickets(open: SampleTicket, apis: readonly PublicApiSetting[], onOpen: (ticket: SampleTicket) => void): void {
  const target = byId('other-tickets', HTMLDivElement);
  const codes = customerFieldCodes(apis);
  if (codes.length === 0) return replace(target);
  const by = codes.filter((code) => (open.fields[code] ?? '') !== '').map((code) => TICKET_FIELDS.find((f) => f.code === code)?.ko ?? code);
  const others = otherTickets(open, shownTickets(), codes, new Date());
  const rows = others.map((ticket) => {
    const row = h('tr', { 'data-ticket': ticket.id, tabindex: 0 },
      h('td', {}, createdText(ticket.created)), h('td', {}, CHANNELS.find((c) => c.id === ticket.channel)?.ko ?? ticket.channel), h('td', {}, ticket.subject));
    row.addEventListener('click', () => onOpen(ticket));
    row.addEventListener('keydown', (event) => event.key === 'Enter' && onOpen(ticket));
    return row;
  });
  replace(target,
    h('h3', {}, '이 고객의 다른 티켓 (최근 3개월)'),
    h('p', { class: 'muted' }, by.length === 0 ? '이 티켓에는 고객을 찾을 티켓 필드 값이 없습니다.' : `같은 ${by.join(', ')} 기준`),
    rows.length === 0 ? h('p', { class: 'muted' }, '다른 티켓이 없습니다.') : h('table', { class: 'list' }, ...rows));
}
