import { agentMessage } from '../protocol/agent-message.js';
import { parseResponseBody } from '../protocol/envelope.js';
import type { RawResponse } from './transport.js';
import type { Outcome } from './types.js';

/**
 * Judges a raw answer the way the helpdesk does (PROTOCOL.md): a 200 must carry `data`, any
 * other status an `error`; no answer, or a body of neither shape, is an error for the agent
 * (the 500 message) whatever the status line said. The status is kept as received.
 *
 * @example
 * interpret({ status: 400, headers: {}, durationMs: 3,
 *   body: Buffer.from('{"error":{"code":911,"message":"Not existing user.","detail":null}}') }).agentMessage.ko
 * // '조회 결과가 없습니다.'
 */
export function interpret(raw: RawResponse): Outcome {
  const failed = agentMessage(500);
  if (raw.status === 0) return { status: 0, ok: false, agentMessage: failed, cause: raw.cause ?? 'no answer' };
  const parsed = parseResponseBody(raw.body);
  const trailer = raw.cause === undefined ? '' : ` (${raw.cause})`;
  if (parsed.kind === 'invalid') {
    return { status: raw.status, ok: false, agentMessage: failed, cause: `HTTP ${raw.status}: ${parsed.reason}${trailer}` };
  }
  if (raw.status === 200) {
    if (parsed.kind === 'data') {
      return { status: 200, ok: true, data: parsed.data, agentMessage: agentMessage(200), ...cause(raw.cause) };
    }
    return {
      status: 200,
      ok: false,
      error: parsed.error,
      agentMessage: failed,
      cause: `HTTP 200 with an "error" body; errors must come with a status other than 200${trailer}`,
    };
  }
  if (parsed.kind === 'data') {
    return {
      status: raw.status,
      ok: false,
      data: parsed.data,
      agentMessage: failed,
      cause: `HTTP ${raw.status} with a "data" body; data must come with 200${trailer}`,
    };
  }
  return { status: raw.status, ok: false, error: parsed.error, agentMessage: agentMessage(raw.status), ...cause(raw.cause) };
}

function cause(text: string | undefined): { cause?: string } {
  return text === undefined ? {} : { cause: text };
}
