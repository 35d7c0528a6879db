import type { ApiError } from '../types.js';

export type ApiAnswer<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiError['error'] };

const UNREACHABLE: ApiError['error'] = {
  code: 'unreachable',
  message: { ko: '콘솔 서버에 연결할 수 없습니다. custlink console이 실행 중인지 확인하세요.', en: 'Cannot reach the console server; is custlink console running?' },
};

/**
 * Calls the console's JSON API. Never throws: a refusal or a dead console is an answer the page
 * shows, with the server's Korean and English message and field issues.
 *
 * @example
 * const answer = await api<SettingsView>('GET', '/api/settings');
 * if (answer.ok) fill(answer.value); else showError(answer.error);
 */
export async function api<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch {
    return { ok: false, status: 0, error: UNREACHABLE };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, status: response.status, error: { code: 'bad_answer', message: { ko: `콘솔 응답을 읽을 수 없습니다 (HTTP ${response.status}).`, en: `Unreadable console answer (HTTP ${response.status}).` } } };
  }
  if (response.ok) return { ok: true, value: json as T };
  return { ok: false, status: response.status, error: (json as ApiError).error ?? UNREACHABLE };
}
