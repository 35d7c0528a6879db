import type { Channel, SampleCustomer } from '../types.js';

/** A ticket field (티켓 필드): its 항목 코드 is the 변수 명칭 a 티켓 필드 lookup item sends. */
export interface TicketField {
  code: string;
  ko: string;
  en: string;
  /** A field the admin added (사용자 필드), not one Online Contact has built in. */
  custom: boolean;
}

export interface SampleTicket {
  id: string;
  channel: Channel;
  subject: string;
  /** 접수 일시; relative to when the page loads, so "최근 3개월" always has tickets in and out. */
  created: Date;
  message: string;
  /** Ticket field values by 항목 코드; a field the customer did not give is absent. */
  fields: Record<string, string>;
}

export const TICKET_FIELDS: readonly TicketField[] = [
  { code: 'userId', ko: '아이디', en: 'ID', custom: false },
  { code: 'callNum', ko: '전화번호', en: 'Phone', custom: false },
  { code: 'email', ko: '이메일', en: 'Email', custom: false },
  { code: 'userName', ko: '이름', en: 'Name', custom: false },
  { code: 'memberNo', ko: '회원번호', en: 'Member no. (custom)', custom: true },
  { code: 'orderNo', ko: '주문번호', en: 'Order no. (custom)', custom: true },
];

const LOADED = Date.now();
/** `days` days and `minutes` minutes before the page loaded. */
const ago = (days: number, minutes = 0): Date => new Date(LOADED - days * 86_400_000 - minutes * 60_000);

/**
 * A ticket number as Online Contact writes it: the day it was created (local time, as 접수 is
 * shown) and that day's running number.
 *
 * @example
 * ticketId(new Date(2026, 10, 28, 9, 5), 42); // '20261128-0042'
 */
export function ticketId(created: Date, no: number): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${created.getFullYear()}${two(created.getMonth() + 1)}${two(created.getDate())}-${String(no).padStart(4, '0')}`;
}

/**
 * The page's own sample people: those of the test endpoint (홍길동 010-1234-5678, and the
 * customer at 010-9999-0000). `custlink demo` replaces them with customers of its data.
 */
export const SAMPLE_PEOPLE: readonly SampleCustomer[] = [
  { name: '홍길동', phone: '010-1234-5678', email: 'hong.gildong@example.com', userId: 'hong1001', memberNo: '1001' },
  { name: '이몽룡', phone: '010-9999-0000', email: 'mong@example.com', userId: 'mong1002', memberNo: '1002' },
  { name: '성춘향', phone: '010-5555-7777', email: 'chun@example.com', userId: 'chun1003', memberNo: '1003' },
];

/** Which of a person's values a ticket field takes. */
const FROM_PERSON: Record<string, keyof SampleCustomer> = { callNum: 'phone', email: 'email', userName: 'name', userId: 'userId', memberNo: 'memberNo' };

// The dates move with the page load, so the ids are made from them: a fixed id would name
// another day than the ticket's 접수. The numbers follow creation order, so whichever days the
// dates fall on (a load just after midnight puts 1 and 2 days ago on one day) the ids stay
// unique and a day's later ticket has the higher number. `who` is the index of the person the
// ticket is about; `given` the fields the customer gave, `fields` the others (an order number).
type Draft = Omit<SampleTicket, 'id' | 'fields'> & { no: number; who: number; given: string[]; fields?: Record<string, string> };
const DRAFTS: readonly Draft[] = [
  { no: 49, who: 0, channel: 'phone', subject: '[전화] 캐시 충전 내역 문의', created: ago(0, 18), message: '어제 충전한 캐시가 보이지 않는다는 전화 문의입니다.', given: ['callNum', 'userName'] },
  { no: 48, who: 0, channel: 'email', subject: '비밀번호 변경이 안 됩니다', created: ago(0, 55), message: '안녕하세요. 비밀번호 변경 메일이 오지 않습니다.', given: ['email', 'userName'] },
  { no: 47, who: 1, channel: 'chat', subject: '주문 배송 일정', created: ago(1, 30), message: '주문한 상품이 언제 도착하나요?', given: ['userId'], fields: { orderNo: 'A-20251231-77' } },
  { no: 46, who: 1, channel: 'kakao', subject: '카카오톡 상담: 쿠폰 사용', created: ago(2), message: '쿠폰이 적용되지 않아요.', given: ['callNum', 'memberNo'] },
  { no: 45, who: 2, channel: 'web', subject: '회원 탈퇴 요청', created: ago(3, 120), message: '탈퇴하고 싶습니다.', given: ['userName'] },
  { no: 44, who: 0, channel: 'chat', subject: '캐시 환불 요청', created: ago(12), message: '충전한 캐시를 환불받고 싶어요.', given: ['callNum', 'userName'] },
  { no: 43, who: 0, channel: 'phone', subject: '[전화] 배송지 변경', created: ago(47), message: '배송지를 바꾸고 싶다는 전화 문의입니다.', given: ['callNum'] },
  { no: 42, who: 0, channel: 'phone', subject: '[전화] 이벤트 당첨 문의', created: ago(200), message: '이벤트 경품이 오지 않았다는 전화 문의입니다.', given: ['callNum', 'userName'] },
];

/**
 * Sample tickets from every channel about `people` (the page's own when none are given, and
 * each missing one taken from them). The first person also called 12 and 47 days ago and
 * 200 days ago: the last is past 3 months.
 *
 * @example
 * sampleTickets([demoCustomer])[0]?.fields.callNum // demoCustomer.phone
 */
export function sampleTickets(people: readonly SampleCustomer[] = SAMPLE_PEOPLE): SampleTicket[] {
  return DRAFTS.map(({ no, who, given, fields = {}, ...ticket }) => {
    const person = people[who] ?? SAMPLE_PEOPLE[who] ?? (SAMPLE_PEOPLE[0] as SampleCustomer);
    const personal = Object.fromEntries(given.map((code) => [code, person[FROM_PERSON[code] ?? 'name']]));
    return { id: ticketId(ticket.created, no), ...ticket, fields: { ...personal, ...fields } };
  });
}

/** The sample tickets about the page's own sample people. */
export const SAMPLE_TICKETS: readonly SampleTicket[] = sampleTickets();

let shown: readonly SampleTicket[] = SAMPLE_TICKETS;

/**
 * Makes the ticket screen's tickets about these customers (the settings' `customers`).
 *
 * @example
 * useSampleCustomers(view.customers);
 */
export function useSampleCustomers(customers: readonly SampleCustomer[]): void {
  shown = customers.length === 0 ? SAMPLE_TICKETS : sampleTickets(customers);
}

/**
 * The tickets the ticket screen lists now.
 *
 * @example
 * shownTickets()[0]?.subject // '[전화] 캐시 충전 내역 문의'
 */
export function shownTickets(): readonly SampleTicket[] {
  return shown;
}
