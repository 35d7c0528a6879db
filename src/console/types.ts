/**
 * The console's data shapes, shared by the server and the page. Types only: the browser modules
 * import them with `import type`, which the compiler erases, so nothing here reaches the page.
 */

/** How the request is signed (PROTOCOL.md): the Java example's layout, or with the request URI. */
export type ConsoleScheme = 'body+timestamp' | 'uri+body+timestamp';

/** One 조회 항목: a ticket field the helpdesk sends, as Online Contact's API 설정 holds it. */
export interface LookupItemSetting {
  /** The JSON key sent to the endpoint, e.g. `callNum`. */
  name: string;
  /** What the agent sees beside the input, e.g. `전화번호`. */
  label: string;
  /** 데이터 길이: the most characters the helpdesk lets through. */
  maxLength: number;
  required: boolean;
  /** `text`: free input; `select`: a drop box of `values`. */
  type: 'text' | 'select';
  /** The drop box's choices (empty for `text`). */
  values: string[];
}

/** One 결과 항목: a key of the answer's `data` and the label the agent sees. */
export interface ResultItemSetting {
  name: string;
  label: string;
}

/** Everything Online Contact's [고객정보연동 → API 설정] holds. */
export interface ConsoleSettings {
  /** 기본 URL: https, or http for local testing. */
  url: string;
  /** 암호화 여부: sign requests (예) or not (아니오). */
  signing: boolean;
  /** 암호화 키; '' when none was set. */
  key: string;
  scheme: ConsoleScheme;
  timeoutMs: number;
  lookupItems: LookupItemSetting[];
  resultItems: ResultItemSetting[];
}

/** Settings as the page sees and sends them: the key is never part of them. */
export type PublicSettings = Omit<ConsoleSettings, 'key'>;

/** What GET /api/settings answers: the key only masked, or whole once right after 키 생성. */
export interface SettingsView {
  settings: PublicSettings;
  key: { set: boolean; masked: string; generated?: string };
}

/** What the page PUTs: settings plus a new key, or no key (or '') to keep the current one. */
export type SettingsInput = PublicSettings & { key?: string };

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

/** The technical block under 상세: what went out and what came back. */
export interface LookupDetail {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
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
}

/** The 연결 테스트 outcome: the lookup plus what it says about URL, key and scheme. */
export interface ConnectionTestView extends LookupView {
  verdict: Bilingual & { ok: boolean };
  /** The sample values that were sent. */
  values: Record<string, string>;
}
