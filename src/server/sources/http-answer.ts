import type { Row } from '../types.js';

/** An upstream answer that is not a lookup result. Its message never holds headers or lookup values. */
export class HttpSourceError extends Error {
  override name = 'HttpSourceError';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

/**
 * The upstream answer's body as text, refused past `maxBytes` without reading the rest.
 *
 * @example
 * const text = await readText(await fetch(url), 1024 * 1024, 'GET https://members.internal/v1');
 */
export async function readText(response: Response, maxBytes: number, where: string): Promise<string> {
  const tooLarge = () => new HttpSourceError(`${where}: upstream answer is larger than ${maxBytes} bytes`, response.status);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Counted after decompression, so a small compressed answer cannot expand without bound.
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    // Leaving the loop cancels the stream, which closes the upstream connection.
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
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

