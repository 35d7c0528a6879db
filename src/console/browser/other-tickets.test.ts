import { describe, expect, it } from 'vitest';
import { customerFieldCodes, otherTickets, type DatedTicket } from './other-tickets.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);
const ticket = (id: string, days: number, fields: Record<string, string>): DatedTicket => ({ id, created: daysAgo(days), fields });

const PHONE = '010-1234-5678';
const open = ticket('open', 0, { callNum: PHONE, userName: '홍길동', orderNo: 'A-1' });
const TICKETS = [
  open,
  ticket('recent', 10, { callNum: PHONE }),
  ticket('edge', 90, { callNum: PHONE }),
  ticket('old', 91, { callNum: PHONE }),
  ticket('by-name', 5, { userName: '홍길동' }),
  ticket('by-order', 3, { orderNo: 'A-1' }),
  ticket('someone-else', 1, { callNum: '010-9999-0000' }),
];

describe('the customer\'s other tickets', () => {
  it('lists the same phone number from the last 90 days, newest first, without the open ticket', () => {
    expect(otherTickets(open, TICKETS, ['callNum'], NOW).map((t) => t.id)).toEqual(['recent', 'edge']);
  });

  it('matches on any of the given fields, never on a field not given', () => {
    expect(otherTickets(open, TICKETS, ['callNum', 'userName'], NOW).map((t) => t.id)).toEqual(['by-name', 'recent', 'edge']);
    expect(otherTickets(open, TICKETS, [], NOW)).toEqual([]);
  });

  it('never matches on an empty value', () => {
    const anonymous = ticket('anon', 0, { callNum: '' });
    expect(otherTickets(anonymous, [ticket('blank', 1, { callNum: '' })], ['callNum'], NOW)).toEqual([]);
  });

  it('takes only 아이디, 전화번호, 이메일 and 이름 that are 티켓 필드 lookup items', () => {
    const item = (kind: 'ticketField' | 'general', name: string) => ({ kind, name, label: name, maxLength: 20, required: false, type: 'text' as const, values: [], defaultValue: '', channels: [] });
    const apis = [{ lookupItems: [item('ticketField', 'callNum'), item('ticketField', 'orderNo'), item('general', 'email')] }, { lookupItems: [item('ticketField', 'userId')] }];
    expect(customerFieldCodes(apis)).toEqual(['userId', 'callNum']);
  });
});
