import { agentMessage } from '../protocol/agent-message.js';
import { parseResponseBody } from '../protocol/envelope.js';
import type { RawResponse } from './transport.js';
import type { Outcome } from './types.js';

/**
 * Judges a raw answer the way the helpdesk does (PROTOCOL.md). The agent's message depends on
 * the status alone, as the guide's table is keyed: a proxy's HTML 404 still reads 요청한 서버에
 * 에러가 있습니다. Only a 200 needs its body: without `data` it is an error (the 500 message).
 * A body that is not the protocol's envelope is reported as a `cause` beside the message, never
 * in its place. The status is kept as received.
 *
 * @example
 * interpret({ status: 404, headers: {}, durationMs: 3, body: Buffer.from('<html>Not Found</html>') })
 * // { status: 404, ok: false, agentMessage: { ko: '요청한 서버에 에러가 있습니다.', ... },
 * //   cause: 'HTTP 404: body is not JSON' }
 */
export function interpret(raw: RawResponse): Outcome {
  if (raw.status === 0) return { status: 0, ok: false, agentMessage: agentMessage(500), cause: raw.cause ?? 'no answer' };
  const parsed = parseResponseBody(raw.body);
  const trailer = raw.cause === undefined ? '' : ` (${raw.cause})`;
  const judged = { status: raw.status, agentMessage: agentMessage(raw.status === 200 && parsed.kind !== 'data' ? 500 : raw.status) };
  if (parsed.kind === 'invalid') return { ...judged, ok: false, cause: `HTTP ${raw.status}: ${parsed.reason}${trailer}` };
  if (raw.status === 200) {
    if (parsed.kind === 'data') return { ...judged, ok: true, data: parsed.data, ...cause(raw.cause) };
    return {
      ...judged,
      ok: false,
      error: parsed.error,
      cause: `HTTP 200 with an "error" body; errors must come with a status other than 200${trailer}`,
    };
  }
  if (parsed.kind === 'data') {
    return { ...judged, ok: false, data: parsed.data, cause: `HTTP ${raw.status} with a "data" body; data must come with 200${trailer}` };
  }
  return { ...judged, ok: false, error: parsed.error, ...cause(raw.cause) };
}

function cause(text: string | undefined): { cause?: string } {
  return text === undefined ? {} : { cause: text };
}
