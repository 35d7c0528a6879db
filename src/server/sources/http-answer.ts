import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Row } from '../types.js';
import { SourceError } from '../vocabulary/source-errors.js';

/** An upstream answer that is not a lookup result. Its message never holds headers or lookup values. */
export class HttpSourceError extends SourceError {
  override name = 'HttpSourceError';
  /** `code`: the network error's (ECONNREFUSED, UND_ERR_SOCKET) when there was no answer. */
  constructor(message: string, readonly status?: number, readonly code?: string) {
    super(message);
  }
}

/**
 * The upstream answer's body as text, refused past `maxBytes` without reading the rest: a
 * declared `content-length` over it before a byte is read, a body that keeps coming as soon as
 * it passes. undici asks for no compression, so the bytes counted are the bytes parsed.
 *
 * @example
 * const { statusCode, headers, body } = await request(url);
 * const text = await readText(statusCode, headers, body, 1024 * 1024, 'GET https://members.internal/v1');
 */
export async function readText(
  status: number,
  headers: IncomingHttpHeaders,
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  where: string,
): Promise<string> {
  const tooLarge = () => new HttpSourceError(`${where}: upstream answer is larger than ${maxBytes} bytes`, status);
  if (Number(headers['content-length'] ?? 0) > maxBytes) {
    discard(body);
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      discard(body);
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
}

/**
 * Stops reading a body: destroyed, not drained, so the rest never arrives and the connection is
 * not reused. undici reports the destroyed body as an 'error' event; unheard, that would be an
 * uncaught exception, so it is heard and dropped.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

/**
 * The value at a dot path (`data.member` as `['data', 'member']`); own properties only, so a
 * path cannot reach a prototype.
 *
 * @example
 * dig({ data: { member: { name: '홍길동' } } }, ['data', 'member']) // { name: '홍길동' }
 */
export function dig(value: unknown, segments: readonly string[]): unknown {
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * The rows of a value found at `rows`: an object is one row, an array at most `limit` rows (an
 * empty one none), `null` or nothing none; anything else rejects, named by `what`.
 *
 * @example
 * pickRows([{ id: 1 }, { id: 2 }, { id: 3 }], 2, 'rows') // [{ id: 1 }, { id: 2 }]
 */
export function pickRows(value: unknown, limit: number, what: string): Row[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value.slice(0, limit) : [value];
  for (const row of list) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      const found = Array.isArray(value) ? `an array holding ${describe(row)}` : describe(row);
      throw new HttpSourceError(`${what} is ${found}, not an object or an array of objects`);
    }
  }
  return list as Row[];
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}

