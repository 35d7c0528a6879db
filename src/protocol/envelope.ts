/** Success body: the result items (결과 항목) as strings. */
export interface DataEnvelope {
  data: Record<string, string>;
}

/** Failure body. The guide's table types `code` as a string; its own example sends `911`. */
export interface ErrorEnvelope {
  error: { code: string | number; message: string; detail: unknown };
}

export type ParsedBody =
  | { kind: 'data'; data: Record<string, unknown> }
  | { kind: 'error'; error: ErrorEnvelope['error'] }
  | { kind: 'invalid'; reason: string };

/**
 * The success body for a set of result items.
 *
 * @example
 * JSON.stringify(dataEnvelope({ userName: '홍길동', id: 'hong' })) // '{"data":{"userName":"홍길동","id":"hong"}}'
 */
export function dataEnvelope(data: Record<string, string>): DataEnvelope {
  return { data };
}

/**
 * The success body's text before and after its items, for a server that writes the items
 * itself (to skip an object per answer): cut from `dataEnvelope`, so the shape is written once.
 */
const EMPTY_DATA = JSON.stringify(dataEnvelope({}));
export const DATA_OPEN = EMPTY_DATA.slice(0, -2);
export const DATA_CLOSE = EMPTY_DATA.slice(-2);

/**
 * The failure body. `detail` defaults to `null`, as in the guide's example.
 *
 * @example
 * errorEnvelope('NOT_FOUND', '조회 결과가 없습니다.') // { error: { code: 'NOT_FOUND', message: '조회 결과가 없습니다.', detail: null } }
 */
export function errorEnvelope(code: string | number, message: string, detail: unknown = null): ErrorEnvelope {
  return { error: { code, message, detail } };
}

/**
 * Reads a response body as the helpdesk would: one of the two protocol shapes, or `invalid`
 * with the reason (a cause reported beside the status's message; for a 200, an error).
 *
 * @example
 * parseResponseBody('{"error":{"code":911,"message":"Not existing user.","detail":null}}').kind // 'error'
 * parseResponseBody('<html>502</html>') // { kind: 'invalid', reason: 'body is not JSON' }
 */
export function parseResponseBody(body: string | Uint8Array): ParsedBody {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: text.trim() === '' ? 'body is empty' : 'body is not JSON' };
  }
  if (!isObject(value)) return { kind: 'invalid', reason: 'body is not a JSON object' };
  const hasData = Object.hasOwn(value, 'data');
  const hasError = Object.hasOwn(value, 'error');
  if (hasData && hasError) return { kind: 'invalid', reason: 'body has both "data" and "error"' };
  if (hasData) {
    return isObject(value.data)
      ? { kind: 'data', data: value.data }
      : { kind: 'invalid', reason: '"data" is not an object' };
  }
  if (hasError) {
    const error = value.error;
    if (!isObject(error)) return { kind: 'invalid', reason: '"error" is not an object' };
    const { code, message } = error;
    if (typeof code !== 'string' && typeof code !== 'number') {
      return { kind: 'invalid', reason: '"error.code" is not a string or number' };
    }
    if (typeof message !== 'string') return { kind: 'invalid', reason: '"error.message" is not a string' };
    return { kind: 'error', error: { code, message, detail: error.detail ?? null } };
  }
  return { kind: 'invalid', reason: 'body has neither "data" nor "error"' };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
