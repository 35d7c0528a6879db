import { redact } from '../redact.js';
import type { LookupResult } from '../types.js';
import type { Exchange, ProbeResult, Verdict } from './types.js';

/** The most of a body a report shows: the 1 MiB probe's body is a megabyte of padding. */
const SHOWN_BODY_CHARS = 600;

/**
 * One short phrase for what came back: status, body shape, and the error code or data keys.
 *
 * @example
 * describeResult(result) // '403 error (code bad_signature)'
 */
export function describeResult(result: LookupResult): string {
  if (result.status === 0) return `no answer: ${result.cause ?? 'unknown'}`;
  if (result.ok) return `200 data {${listKeys(Object.keys(result.data ?? {}))}}`;
  if (result.error) return `${result.status} error (code ${String(result.error.code)})`;
  if (result.data) return `${result.status} data`;
  return `${result.status} not a protocol body`;
}

/**
 * A probe result built from one response, with the agent's message filled in.
 *
 * @example
 * fromResult('missing', 'unknown customer', '400 error', result, 'pass')
 */
export function fromResult(
  id: string,
  title: string,
  expected: string,
  result: LookupResult,
  verdict: Verdict,
  note?: string,
): ProbeResult {
  return {
    id,
    title,
    expected,
    got: describeResult(result),
    status: result.status,
    agent: result.agentMessage,
    verdict,
    ...(note === undefined ? {} : { note }),
    durationMs: result.durationMs,
    exchange: exchangeOf(result),
  };
}

/**
 * The request and answer of a result, fit for a report that is shared: the Authorization value is
 * already redacted, bodies are cut at 600 characters, and each value of a 200's `data` is shortened with
 * `redact` unless it already looks masked (has a `*`), so no customer's value is copied in clear.
 *
 * @example
 * exchangeOf(result).response.body // '{"data":{"userName":"홍*동","id":"hong…(8 chars)"}}'
 */
export function exchangeOf(result: LookupResult): Exchange {
  const { request } = result;
  return {
    request: { ...request, body: cut(request.body) },
    response: {
      status: result.status,
      headers: result.headers,
      body: cut(result.ok && result.data ? JSON.stringify({ data: shownData(result.data) }) : result.rawBody),
      bodyBytes: Buffer.byteLength(result.rawBody),
    },
  };
}

function shownData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, typeof v === 'string' && !v.includes('*') ? redact(v) : v]),
  );
}

function cut(text: string): string {
  return text.length <= SHOWN_BODY_CHARS ? text : `${text.slice(0, SHOWN_BODY_CHARS)}…(${text.length} chars)`;
}

const PHONE = /^\+?[0-9][0-9 ()-]{7,18}[0-9]$/;
const EMAIL = /^[^\s@*]+@[^\s@*]+\.[^\s@*]+$/;

/**
 * The result items whose value looks like a whole phone number or e-mail address: nothing
 * starred, so probably sent unmasked to every agent who opens the ticket.
 *
 * @example
 * unmaskedLooking({ phone: '010-1234-5678', email: 'h***@example.com' }) // ['phone']
 */
export function unmaskedLooking(data: Record<string, unknown>): string[] {
  return Object.entries(data)
    .filter(([, v]) => typeof v === 'string' && (EMAIL.test(v) || (PHONE.test(v) && v.replace(/\D/g, '').length >= 9)))
    .map(([k]) => k);
}

/**
 * Judges a request that must be refused as unauthorised. A 403 passes. Another 4xx still refused
 * it (the guide's Java example throws `error.bad_request`, which many frameworks answer with 400)
 * and warns: the agent reads that status's message, not the permission one. Acceptance, a 5xx
 * or no answer fails.
 *
 * @example
 * judgeForbidden('wrong-key', 'signed with another key', result).verdict // 'pass' for a 403, 'warn' for a 400
 */
export function judgeForbidden(id: string, title: string, result: LookupResult): ProbeResult {
  const expected = '403 error';
  if (result.status === 403) {
    return result.error
      ? fromResult(id, title, expected, result, 'pass')
      : fromResult(id, title, expected, result, 'warn', `refused, but the body is not an error envelope (${result.cause ?? ''})`);
  }
  if (result.status >= 200 && result.status < 300) {
    return fromResult(id, title, expected, result, 'fail', 'accepted: the request was not verified');
  }
  if (result.status >= 400 && result.status < 500) {
    const { ko, en } = result.agentMessage;
    return fromResult(id, title, expected, result, 'warn', `refused, but the agent reads "${ko}" (${en}) instead of the permission message: answer 403`);
  }
  if (result.status === 0) return fromResult(id, title, expected, result, 'fail', 'no HTTP answer');
  return fromResult(id, title, expected, result, 'fail', `verification failures must be answered with 403, not ${result.status}`);
}

// Three names say what came back; a dozen would push the agent column off the screen.
function listKeys(keys: string[]): string {
  return keys.length <= 3 ? keys.join(', ') : `${keys.slice(0, 3).join(', ')}, +${keys.length - 3}`;
}
