import { createClient } from '../client/client.js';
import { computeSignature } from '../protocol/hmac.js';
import { inspectRequest } from './request-inspect.js';
import { causeHints } from './diagnose-cause.js';
import { forbiddenHints } from './diagnose-forbidden.js';
import { apiError, RefusalError } from './issues.js';
import { buildLookupBody } from './lookup-body.js';
import { lookupView } from './lookup-view.js';
import type { ApiSetting, LookupView } from './types.js';

let lastTimestamp = 0;
// Strictly increasing across the console's lookups, as the client's own: two lookups of the
// same body never share a signature, so an endpoint with replay protection takes both.
function nextTimestamp(): string {
  const now = Date.now();
  lastTimestamp = now > lastTimestamp ? now : lastTimestamp + 1;
  return String(lastTimestamp);
}

/**
 * One lookup as the helpdesk makes it: the body from the configured 조회 항목, signed with the
 * key when 암호화 여부 is 예, sent with custlink's client (which never throws on an HTTP outcome:
 * a timeout, a refused connection or a non-protocol body come back with a cause). 상세 gets
 * hints in Korean and English: what the cause means, and on a 403 which check likely refused. Values
 * the helpdesk would not send throw a `RefusalError` (400) before any request is made.
 *
 * @example
 * const view = await runLookup(store.api('api-1'), { callNum: '010-1234-5678' });
 * view.message.ko // '조회 성공'
 */
export async function runLookup(settings: ApiSetting, values: unknown): Promise<LookupView> {
  const body = buildLookupBody(settings.lookupItems, values);
  if (!body.ok) {
    throw new RefusalError(
      400,
      apiError('invalid_values', { ko: '조회 항목 값을 확인하세요. 요청은 보내지 않았습니다.', en: 'Check the lookup values; no request was sent.' }, body.issues),
    );
  }
  if (settings.signing && settings.key === '') {
    throw new RefusalError(
      400,
      apiError('no_key', { ko: 'API 설정에서 암호화 키를 먼저 설정하세요.', en: 'Set the key in API 설정 first.' }, [
        { path: 'key', ko: '암호화 키가 없습니다.', en: 'There is no key.' },
      ]),
    );
  }
  const client = createClient({
    url: settings.url,
    scheme: settings.scheme,
    timeoutMs: settings.timeoutMs,
    ...(settings.signing ? { key: settings.key } : {}),
  });
  // Signed here over the very string built above, so the inspector under 상세 shows exactly
  // what went into the HMAC and the Authorization that came out of it.
  const sentAt = Date.now();
  const timestamp = nextTimestamp();
  const uri = client.url.pathname;
  const authorization = settings.signing ? computeSignature(settings.key, settings.scheme, uri, body.body, timestamp) : undefined;
  const result = await client.send({ body: body.body, timestamp, ...(authorization === undefined ? {} : { authorization }) });
  const hints = [...(result.status === 403 ? forbiddenHints(result, settings, sentAt) : []), ...causeHints(result)];
  const view = lookupView(result, settings.resultItems, hints);
  const requestId = result.headers['x-request-id'];
  view.detail.inspect = inspectRequest({ scheme: settings.scheme, url: settings.url, timeoutMs: settings.timeoutMs, body: body.body, timestamp, ...(authorization === undefined ? {} : { authorization }), ...(typeof requestId === 'string' ? { requestId } : {}) });
  return view;
}
