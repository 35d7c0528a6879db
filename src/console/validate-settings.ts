import { Issues } from './issues.js';
import type { ConsoleSettings, FieldIssue } from './types.js';
import { checkLookupItems, checkResultItems } from './validate-items.js';

const MIN_TIMEOUT = 100;
const MAX_TIMEOUT = 60_000;
/** Printable ASCII without spaces: what can be pasted into a YAML or .env file unquoted. */
const KEY = /^[\x21-\x7e]{1,256}$/;

export type SettingsCheck = { ok: true; settings: ConsoleSettings } | { ok: false; issues: FieldIssue[] };

function checkUrl(value: unknown, issues: Issues): string {
  const text = typeof value === 'string' ? value.trim() : '';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    // Reported below with the same message as a wrong protocol.
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    issues.add('url', 'API URL은 https:// (로컬 테스트는 http://)로 시작하는 주소여야 합니다.', 'The API URL must start with https:// (http:// for local testing).');
  } else if (url.username !== '' || url.password !== '') {
    issues.add('url', 'URL에 사용자 정보를 넣지 마세요.', 'Do not put credentials in the URL.');
  }
  return text;
}

/**
 * Checks settings sent by the page (untrusted JSON) and merges the key: a missing or empty `key`
 * keeps `currentKey`, because the page never holds the saved key. All problems are returned at
 * once, each with its field path and a Korean and English message.
 *
 * @example
 * const check = validateSettings(await readJson(req), store.get().key);
 * if (!check.ok) return send(res, 400, apiError('invalid_settings', MESSAGE, check.issues));
 */
export function validateSettings(input: unknown, currentKey: string): SettingsCheck {
  const issues = new Issues();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.add('', '설정은 JSON 객체여야 합니다.', 'The settings must be a JSON object.');
    return { ok: false, issues: issues.list };
  }
  const raw = input as Record<string, unknown>;
  const url = checkUrl(raw.url, issues);
  if (typeof raw.signing !== 'boolean') issues.add('signing', '암호화 여부를 선택하세요.', 'Choose whether requests are signed.');
  const signing = raw.signing !== false;
  let key = currentKey;
  const keyGiven = raw.key !== undefined && raw.key !== '';
  if (keyGiven) {
    if (typeof raw.key !== 'string' || !KEY.test(raw.key)) {
      issues.add('key', '암호화 키는 공백 없는 영문·숫자·기호 256자 이내여야 합니다.', 'The key must be 1-256 printable characters without spaces.');
    } else key = raw.key;
  }
  if (signing && key === '' && !keyGiven) issues.add('key', '암호화 여부가 "예"이면 암호화 키가 필요합니다. 키 생성을 누르거나 키를 입력하세요.', 'Signing is on but there is no key: generate or enter one.');
  const scheme = raw.scheme === 'uri+body+timestamp' ? 'uri+body+timestamp' : 'body+timestamp';
  if (raw.scheme !== 'body+timestamp' && raw.scheme !== 'uri+body+timestamp') {
    issues.add('scheme', '서명 방식은 body+timestamp 또는 uri+body+timestamp입니다.', 'The scheme must be body+timestamp or uri+body+timestamp.');
  }
  const timeoutMs = raw.timeoutMs;
  const timeoutOk = typeof timeoutMs === 'number' && Number.isInteger(timeoutMs) && timeoutMs >= MIN_TIMEOUT && timeoutMs <= MAX_TIMEOUT;
  if (!timeoutOk) issues.add('timeoutMs', `타임아웃은 ${MIN_TIMEOUT}~${MAX_TIMEOUT} ms 사이의 정수여야 합니다.`, `The timeout must be a whole number of ms from ${MIN_TIMEOUT} to ${MAX_TIMEOUT}.`);
  const lookupItems = checkLookupItems(raw.lookupItems, issues);
  const resultItems = checkResultItems(raw.resultItems, issues);
  if (!issues.empty) return { ok: false, issues: issues.list };
  return { ok: true, settings: { url, signing, key, scheme, timeoutMs: timeoutMs as number, lookupItems, resultItems } };
}
