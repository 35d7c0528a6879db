import type { PublicApiSetting } from '../types.js';

/** Online Contact lists the customer's other tickets by these ticket fields only (아이디, 전화번호, 이메일, 이름). */
const CUSTOMER_FIELDS: readonly string[] = ['userId', 'callNum', 'email', 'userName'];

/** "최근 3개월" as Online Contact counts it. */
const RECENT_DAYS = 90;
const DAY_MS = 86_400_000;

/** What the selection needs of a ticket. */
export interface DatedTicket {
  id: string;
  created: Date;
  fields: Record<string, string>;
}

/**
 * The customer fields that are 티켓 필드 lookup items of some API: only these identify the customer.
 *
 * @example
 * customerFieldCodes(view.apis); // ['callNum'] when callNum is a 티켓 필드 of an API
 */
export function customerFieldCodes(apis: readonly Pick<PublicApiSetting, 'lookupItems'>[]): string[] {
  const looked = new Set(apis.flatMap((a) => a.lookupItems.filter((item) => item.kind === 'ticketField').map((item) => item.name)));
  return CUSTOMER_FIELDS.filter((code) => looked.has(code));
}

/**
 * The customer's other tickets: the same value in one of `codes`, created within the last
 * RECENT_DAYS days before `now`, never the open ticket itself; newest first.
 *
 * @example
 * otherTickets(shownTicket, SAMPLE_TICKETS, ['callNum'], new Date()); // [{ id: '20261116-0044', ... }]
 */
export function otherTickets<T extends DatedTicket>(open: DatedTicket, tickets: readonly T[], codes: readonly string[], now: Date): T[] {
  const since = now.getTime() - RECENT_DAYS * DAY_MS;
  const sameCustomer = (t: DatedTicket): boolean => codes.some((code) => (open.fields[code] ?? '') !== '' && t.fields[code] === open.fields[code]);
  return tickets
    .filter((t) => t.id !== open.id && t.created.getTime() >= since && t.created.getTime() <= now.getTime() && sameCustomer(t))
    .sort((a, b) => b.created.getTime() - a.created.getTime());
}
