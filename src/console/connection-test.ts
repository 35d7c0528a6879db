import { apiError, RefusalError } from './issues.js';
import { sampleValues } from './lookup-body.js';
import { runLookup } from './run-lookup.js';
import type { ApiSetting, ConnectionTestView, LookupView } from './types.js';

/**
 * What a lookup with values no customer has says about the settings. Success means the signature
 * was proven accepted: a 200 with `data`, or a 400 NOT_FOUND (the endpoint looked the values up,
 * so it had verified the request first). Any other 400 proves only that the endpoint was reached:
 * it may have refused the values (a pattern, a length) before it ever checked the signature.
 * Only 403 points at the key or the scheme.
 *
 * @example
 * verdict({ status: 403, ok: false } as LookupView, true).ok // false
 */
function verdict(view: LookupView, signing: boolean): ConnectionTestView['verdict'] {
  const accepted = signing ? ' 서명이 받아들여졌습니다.' : '';
  const acceptedEn = signing ? ' The signature was accepted.' : '';
  if (view.ok) return { ok: true, level: 'ok', ko: `연결 성공: 고객 정보가 조회되었습니다.${accepted}`, en: `Connected: a customer was found.${acceptedEn}` };
  if (view.status === 400 && view.error?.code === 'NOT_FOUND') {
    return { ok: true, level: 'ok', ko: `연결 성공: 엔드포인트가 테스트 값을 조회하고 "조회 결과 없음"(400 NOT_FOUND)으로 답했습니다.${accepted}`, en: `Connected: the endpoint looked the test values up and answered "not found" (400 NOT_FOUND).${acceptedEn}` };
  }
  if (view.status === 400) {
    const code = view.error === undefined ? '오류 본문 없음' : `error.code ${view.error.code}`;
    const codeEn = view.error === undefined ? 'no error body' : `error.code ${view.error.code}`;
    return {
      ok: false,
      level: 'unproven',
      ko: `연결은 됨, 서명 검증 여부는 확인되지 않음: 엔드포인트가 400(${code})으로 답했습니다. 테스트 값이 엔드포인트의 조회 항목 규칙(데이터 길이, 패턴)에 맞지 않아 서명을 확인하기 전에 거절했을 수 있습니다. 조회항목의 패턴을 엔드포인트와 같게 설정하세요.`,
      en: `Reached, but the signature is not proven: the endpoint answered 400 (${codeEn}). It may have refused the test values (length, pattern) before checking the signature; set each lookup item's pattern as the endpoint has it.`,
    };
  }
  if (view.status === 403) {
    return { ok: false, level: 'bad', ko: '권한 없음(403): 엔드포인트와 같은 암호화 키·서명 방식인지 확인하세요.', en: 'Forbidden (403): check that the key and scheme match the endpoint.' };
  }
  if (view.status === 0) {
    return { ok: false, level: 'bad', ko: '연결 실패: URL, 포트, 서버 실행 여부를 확인하세요.', en: 'No answer: check the URL, the port and that the endpoint runs.' };
  }
  return { ok: false, level: 'bad', ko: `엔드포인트 응답 오류(HTTP ${view.status}): 상세를 확인하세요.`, en: `The endpoint answered with an error (HTTP ${view.status}); see the detail.` };
}

/**
 * 연결 테스트: a lookup under the given (possibly unsaved) settings with values no customer has,
 * each within its item's 데이터 길이 and pattern. An item whose pattern no such value fits is
 * refused before any request.
 *
 * @example
 * const view = await testConnection(settings);
 * view.verdict.ok // true when URL, key and scheme are proven to work
 */
export async function testConnection(settings: ApiSetting): Promise<ConnectionTestView> {
  const { values, unfit } = sampleValues(settings.lookupItems);
  if (unfit.length > 0) {
    throw new RefusalError(400, apiError('no_test_value', { ko: '연결 테스트 값을 만들 수 없습니다. 요청은 보내지 않았습니다.', en: 'No test value fits; no request was sent.' },
      unfit.map((item) => ({ path: `lookupItems[${settings.lookupItems.indexOf(item)}].pattern`, ko: `${item.label}(${item.name})의 패턴에 맞는 테스트 값이 없습니다.`, en: `No test value fits the pattern of ${item.name}.` }))));
  }
  const view = await runLookup(settings, values);
  return { ...view, verdict: verdict(view, settings.signing), values };
}
