/**
 * The console's data shapes, shared by the server and the page. Types only: the browser modules
 * import them with `import type`, which the compiler erases, so nothing here reaches the page.
 */

import type { Scheme } from '../protocol/types.js';

/** A ticket channel (채널) of Online Contact, as the console's sample tickets carry them. */
export type Channel = 'phone' | 'email' | 'chat' | 'kakao' | 'web';

/**
 * One 조회 항목 as Online Contact's API 설정 holds it: 구분 일반 (typed by the agent, or its
 * default) or 티켓 필드 (the value of that ticket field).
 */
export interface LookupItemSetting {
  /** 구분: `general` (일반) or `ticketField` (티켓 필드). */
  kind: 'general' | 'ticketField';
  /** 변수 명칭: the JSON key sent; for a ticket field, that field's 항목 코드. */
  name: string;
  /** 화면 명칭: what the agent sees beside the input, e.g. `전화번호`. */
  label: string;
  /** 데이터 길이: the most characters the helpdesk lets through. */
  maxLength: number;
  /** 필수 여부. */
  required: boolean;
  /** 타입: `text` (text box) or `select` (drop box of `values`). */
  type: 'text' | 'select';
  /** 부가 설정 of a drop box: its choices (empty for a text box). */
  values: string[];
  /** 부가 설정 of a general item: the value the input starts with ('' for none). */
  defaultValue: string;
  /** 부가 설정 of a ticket field: the channels whose tickets are looked up when opened. */
  channels: Channel[];
  /**
   * The endpoint's `pattern` for this item (a regular expression, '' for none): not a helpdesk
   * setting, only so that 연결 테스트 sends a value the endpoint lets through to its lookup.
   */
  pattern?: string;
}

/** One 결과항목: 데이터 명칭 (a key of the answer's `data`) and 화면 명칭 (the agent's label). */
export interface ResultItemSetting {
  name: string;
  label: string;
}

/** One API of [고객정보연동 → API 설정]. */
export interface ApiSetting {
  /** The console's own handle for the API (the page and the settings file use it). */
  id: string;
  /** API 이름, any text, e.g. `회원정보`: the title of its block in 고객정보. */
  name: string;
  /** 기본 URL: https, or http for local testing. */
  url: string;
  /** 암호화 여부: sign requests (예) or not (아니오). */
  signing: boolean;
  /** 암호화 키; '' when none was set. */
  key: string;
  scheme: Scheme;
  timeoutMs: number;
  lookupItems: LookupItemSetting[];
  resultItems: ResultItemSetting[];
}

/**
 * A customer the sample tickets are about: `custlink demo` writes a few of its generated
 * customers here, so the first ticket's automatic lookup finds someone in the demo data.
 */
export interface SampleCustomer {
  /** 이름 (userName). */
  name: string;
  /** 전화번호 (callNum), as people write it: `010-2345-6789`. */
  phone: string;
  /** 이메일 (email). */
  email: string;
  /** 아이디 (userId). */
  userId: string;
  /** 회원번호 (memberNo, a 사용자 필드). */
  memberNo: string;
}

/** Everything the console's API 설정 holds: several APIs side by side. */
export interface ConsoleSettings {
  apis: ApiSetting[];
  /** Who the sample tickets are about; the page's own sample people when absent. Never edited by the page. */
  customers?: SampleCustomer[];
}

/** An API as the page sees and sends it: the key is never part of it. */
export type PublicApiSetting = Omit<ApiSetting, 'key'>;

/** What the page may know of an API's key: whether one is set, its masked form and fingerprint. */
export interface KeyView {
  set: boolean;
  masked: string;
  /** The first 8 hex of SHA-256 over the key, as `custlink keygen --fingerprint` prints it. */
  fingerprint: string;
  /** The whole key, only in the answer that made it (예, 키 변경) or to 복사. */
  generated?: string;
}

/** What GET /api/settings answers: the APIs without keys, and each key's view by API id. */
export interface SettingsView {
  apis: PublicApiSetting[];
  keys: Record<string, KeyView>;
  /** Who the sample tickets are about (empty: the page's own sample people). */
  customers: SampleCustomer[];
}

/** What the page PUTs: APIs plus, for each, a new key, or no key (or '') to keep the current one. */
export interface SettingsInput {
  apis: Array<PublicApiSetting & { key?: string }>;
}

/** A message in both of the console's languages. */
export interface Bilingual {
  ko: string;
  en: string;
}

/** One problem with the input, named by its field path (`lookupItems[0].maxLength`). */
export interface FieldIssue extends Bilingual {
  path: string;
}

/** The body of every refusal the console API answers (4xx/5xx). */
export interface ApiError {
  error: { code: string; message: Bilingual; issues?: FieldIssue[] };
}

/** One configured 결과 항목 as the agent sees it. */
export interface ResultRow {
  name: string;
  label: string;
  value: string;
  /** The endpoint did not send this configured item: shown empty. */
  missing: boolean;
}

/** The request inspector of 상세: how to check the signature and repeat the request. */
export interface RequestInspection {
  scheme: Scheme;
  /** The request URI (path) that `uri+body+timestamp` signs. */
  uri: string;
  /** X-TC-Timestamp as sent. */
  timestamp: string;
  /** The exact string that was signed; absent when 암호화 여부 is 아니오. */
  signed?: string;
  /** The Authorization header as sent (a signature, not the key); the page hides it by default. */
  authorization?: string;
  /** `custlink call ...` repeating the request, the key as "$CUSTLINK_KEY". */
  call: string;
  /** The same with curl (signed by `custlink sign` when signing), the key as "$CUSTLINK_KEY". */
  curl: string;
  /** The endpoint's X-Request-Id, '' when it sent none. */
  requestId: string;
}

/** The technical block under 상세: what went out and what came back. */
export interface LookupDetail {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  inspect?: RequestInspection;
  response: { status: number; headers: Record<string, string>; body: string; bytes: number; truncated: boolean };
  /** Why the helpdesk counts the answer as an error beyond its status (timeout, bad body, ...). */
  cause?: string;
}

/** What the agent would see for one lookup, plus the detail a developer needs. */
export interface LookupView {
  /** The HTTP status, or 0 when no answer came (timeout, refused). */
  status: number;
  ok: boolean;
  /** The helpdesk's message for this outcome (the 500 message for no answer or a bad body). */
  message: Bilingual;
  /** The 결과 항목 in configured order (only on success). */
  rows: ResultRow[];
  /** Keys of `data` that are not configured 결과 항목: the helpdesk would not show them. */
  extras: Array<{ name: string; value: string }>;
  /** The error envelope of a non-200 answer, as text. */
  error?: { code: string; message: string; detail: string };
  elapsedMs: number;
  detail: LookupDetail;
  /** What 상세 says about the cause, in Korean and English (a 403's likely check, a refused connection ...). */
  hints: Bilingual[];
}

/** One API's block in 고객정보: its API 이름 and the lookup's view. */
export interface ApiLookupView extends LookupView {
  apiId: string;
  apiName: string;
}

/** The 연결 테스트 outcome: the lookup plus what it says about URL, key and scheme. */
export interface ConnectionTestView extends LookupView {
  /**
   * `ok` only when the signature was proven accepted (a 200 with `data`, or a 400 NOT_FOUND for
   * the test values); `unproven` when the endpoint answered another 400 (it may have refused the
   * values before checking the signature).
   */
  verdict: Bilingual & { ok: boolean; level: 'ok' | 'unproven' | 'bad' };
  /** The sample values that were sent. */
  values: Record<string, string>;
}
