import type { LookupResult } from '../client/types.js';
import { keyFingerprint } from '../protocol/key-fingerprint.js';
import type { ApiSetting, Bilingual } from './types.js';

/** Beyond this, the endpoint's ±5 minute window is likely what refused (10 s for network time). */
const SKEW_SUSPECT_MS = 4 * 60_000 + 50_000;

function clockOffset(result: Pick<LookupResult, 'headers' | 'durationMs'>, sentAt: number): number | undefined {
  const date = Date.parse(result.headers.date ?? '');
  // Date has whole seconds; the middle of the exchange is our best reading of "their now".
  return Number.isNaN(date) ? undefined : date - (sentAt + result.durationMs / 2);
}

/**
 * Which check most likely refused a 403, for 상세: the clock (from the response's `Date`
 * against ours), the IP allowlist, a missing signature, the key (by fingerprint, which the
 * operator compares with `custlink keygen --fingerprint` or `custlink serve`'s start line) and
 * the scheme. The endpoint's own error code, when it names one, puts its check first.
 *
 * @example
 * forbiddenHints(result, api, Date.now() - result.durationMs)[0]?.en
 * // 'Clock: the endpoint's clock is about 420 s ahead of the console's; ...'
 */
export function forbiddenHints(result: Pick<LookupResult, 'headers' | 'durationMs' | 'error'>, api: ApiSetting, sentAt: number): Bilingual[] {
  const code = String(result.error?.code ?? '').toUpperCase();
  const hints: Bilingual[] = [];
  const offset = clockOffset(result, sentAt);
  if (['STALE', 'FUTURE'].includes(code) || (offset !== undefined && Math.abs(offset) > SKEW_SUSPECT_MS)) {
    const seconds = offset === undefined ? '?' : String(Math.round(Math.abs(offset) / 1000));
    const ahead = (offset ?? 0) > 0;
    hints.push({
      ko: `시계: 엔드포인트의 시계가 콘솔보다 약 ${seconds}초 ${ahead ? '빠릅니다' : '느립니다'} (Date 헤더 기준). 허용 범위는 ±5분입니다: 양쪽 NTP 동기화를 확인하세요.`,
      en: `Clock: the endpoint's clock is about ${seconds} s ${ahead ? 'ahead of' : 'behind'} the console's (its Date header); the window is ±5 min: check NTP on both.`,
    });
  }
  if (code === 'IP_NOT_ALLOWED') {
    hints.push({ ko: 'IP 허용 목록: 엔드포인트의 allowIps에 콘솔(헬프데스크)의 주소가 없습니다.', en: 'IP allowlist: the console\'s (helpdesk\'s) address is not in the endpoint\'s allowIps.' });
  }
  if (!api.signing || code === 'MISSING_SIGNATURE') {
    hints.push({ ko: '암호화 여부가 "아니오"라 서명 없이 보냈습니다: 엔드포인트는 서명을 요구합니다.', en: 'Signing (암호화 여부) is off, so the request went unsigned; the endpoint wants a signature.' });
  } else if (code === '' || code === 'BAD_SIGNATURE' || code === 'FORBIDDEN') {
    const fingerprint = keyFingerprint(api.key);
    hints.push({
      ko: `키: 콘솔의 키 지문은 ${fingerprint}입니다. 엔드포인트에서 "custlink keygen --fingerprint" 또는 custlink serve 시작 출력의 지문과 비교하세요.`,
      en: `Key: the console's key fingerprint is ${fingerprint}; compare it with "custlink keygen --fingerprint" on the endpoint or the fingerprints custlink serve prints at start.`,
    });
    hints.push({
      ko: `서명 방식: 지문이 같다면 서명 방식이 다를 수 있습니다. 콘솔은 ${api.scheme}로 서명합니다 (엔드포인트의 auth.scheme과 비교).`,
      en: `Scheme: with matching fingerprints, the scheme may differ; the console signs with ${api.scheme} (compare the endpoint's auth.scheme).`,
    });
  }
  if (code === '' || code === 'FORBIDDEN') {
    hints.push({ ko: 'IP 허용 목록: 엔드포인트나 그 앞의 방화벽이 콘솔의 주소를 막았을 수도 있습니다.', en: 'IP allowlist: the endpoint or a firewall before it may refuse the console\'s address.' });
  }
  return hints;
}
