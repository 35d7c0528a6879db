import { sampleValues } from './lookup-body.js';
import { runLookup } from './run-lookup.js';
import type { ApiSetting, Bilingual, ConnectionTestView, LookupView } from './types.js';

/**
 * What a lookup with made-up values says about the settings. A 400 with an error body is a
 * success here: the endpoint was reached, accepted the signature and answered "no such
 * customer" in the protocol's own shape. Only 403 points at the key or the scheme.
 *
 * @example
 * verdict({ status: 403, ok: false } as LookupView, true).ok // false
 */
export function verdict(view: LookupView, signing: boolean): Bilingual & { ok: boolean } {
  const accepted = signing ? ' 서명이 받아들여졌습니다.' : '';
  const acceptedEn = signing ? ' The signature was accepted.' : '';
  if (view.ok) return { ok: true, ko: `연결 성공: 고객 정보가 조회되었습니다.${accepted}`, en: `Connected: a customer was found.${acceptedEn}` };
  if (view.status === 400 && view.error !== undefined) {
    return { ok: true, ko: `연결 성공: 엔드포인트가 "조회 결과 없음"(400)으로 정상 응답했습니다.${accepted}`, en: `Connected: the endpoint answered "not found" (400) properly.${acceptedEn}` };
  }
  if (view.status === 403) {
    return { ok: false, ko: '권한 없음(403): 엔드포인트와 같은 암호화 키·서명 방식인지 확인하세요.', en: 'Forbidden (403): check that the key and scheme match the endpoint.' };
  }
  if (view.status === 0) {
    return { ok: false, ko: '연결 실패: URL, 포트, 서버 실행 여부를 확인하세요.', en: 'No answer: check the URL, the port and that the endpoint runs.' };
  }
  return { ok: false, ko: `엔드포인트 응답 오류(HTTP ${view.status}): 상세를 확인하세요.`, en: `The endpoint answered with an error (HTTP ${view.status}); see the detail.` };
}

/**
 * 연결 테스트: a lookup with sample values under the given (possibly unsaved) settings.
 *
 * @example
 * const view = await testConnection(settings);
 * view.verdict.ok // true when URL, key and scheme work
 */
export async function testConnection(settings: ApiSetting): Promise<ConnectionTestView> {
  const values = sampleValues(settings.lookupItems);
  const view = await runLookup(settings, values);
  return { ...view, verdict: verdict(view, settings.signing), values };
}
