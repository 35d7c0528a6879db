import type { LookupResult } from '../client/types.js';
import type { Bilingual } from './types.js';

/** Network failures by the system code the client keeps in its cause (`[ECONNREFUSED]`). */
const NETWORK: Readonly<Record<string, Bilingual>> = {
  ECONNREFUSED: { ko: '연결이 거부되었습니다: 기본 URL의 호스트·포트에서 엔드포인트가 실행 중인지 확인하세요.', en: 'Connection refused: check that the endpoint runs at the 기본 URL\'s host and port.' },
  ENOTFOUND: { ko: '호스트 이름을 찾을 수 없습니다(DNS): 기본 URL의 호스트를 확인하세요.', en: 'DNS lookup failed: check the 기본 URL\'s host name.' },
  ECONNRESET: { ko: '엔드포인트가 응답 전에 연결을 끊었습니다.', en: 'The endpoint reset the connection before answering.' },
};

/**
 * What the client's technical cause means, for 상세 in Korean and English: no answer (refused,
 * timed out, DNS), a body that is not the protocol's (a proxy's HTML page), an empty body.
 *
 * @example
 * causeHints({ status: 0, cause: 'connection refused (...) [ECONNREFUSED] 127.0.0.1:9', headers: {} })[0]?.ko
 * // '연결이 거부되었습니다: ...'
 */
export function causeHints(result: Pick<LookupResult, 'status' | 'cause' | 'headers'>): Bilingual[] {
  const cause = result.cause ?? '';
  if (result.status === 0) {
    const code = /\[([A-Z_]+)\]/.exec(cause)?.[1];
    if (code !== undefined && NETWORK[code] !== undefined) return [NETWORK[code]];
    if (cause.startsWith('timed out')) return [{ ko: `응답 시간이 초과되었습니다 (${cause}).`, en: `The endpoint did not answer in time (${cause}).` }];
    return [{ ko: `HTTP 응답이 없습니다: ${cause}`, en: `No HTTP answer: ${cause}` }];
  }
  if (cause.includes('body is not JSON') || cause.includes('not a JSON object')) {
    const type = result.headers['content-type'] ?? '(없음 · none)';
    return [{
      ko: `응답 본문이 프로토콜의 JSON이 아닙니다 (Content-Type ${type}). 프록시나 웹 서버의 페이지라면 기본 URL의 경로를 확인하세요.`,
      en: `The body is not the protocol's JSON (Content-Type ${type}). If it is a proxy's or web server's page, check the 기본 URL's path.`,
    }];
  }
  if (cause.includes('body is empty')) return [{ ko: '응답 본문이 비어 있습니다.', en: 'The response body is empty.' }];
  if (cause !== '') return [{ ko: `원인: ${cause}`, en: `Cause: ${cause}` }];
  return [];
}
