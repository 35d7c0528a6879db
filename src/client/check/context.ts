import { computeSignature } from '../../protocol/hmac.js';
import { createClient } from '../client.js';
import type { CheckOptions, ProbeContext } from './types.js';

/**
 * The shared state of one checker run. Signing goes through the protocol core directly (not
 * `signRequest`) because some probes must sign timestamps that are not digits.
 *
 * @example
 * const ctx = createContext({ url, key, found: { callNum: '01012345678' } });
 * await ctx.client.send({ body: ctx.foundBody, timestamp: ts, authorization: ctx.sign(ctx.foundBody, ts) });
 */
export function createContext(options: CheckOptions): ProbeContext {
  const client = createClient({
    url: options.url,
    key: options.key,
    ...(options.scheme === undefined ? {} : { scheme: options.scheme }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  const used = new Set<number>();
  return {
    client,
    key: options.key,
    found: options.found,
    foundBody: JSON.stringify(options.found),
    missing: options.missing,
    timeoutMs: client.timeoutMs,
    ca: options.ca,
    lookups: options.lookups ?? 5,
    clockOffsetMs: undefined,
    sign(body, timestamp, key = options.key) {
      return computeSignature(key, client.scheme, client.url.pathname, body, timestamp);
    },
    stamp(offsetMs = 0) {
      let t = Date.now() + offsetMs;
      while (used.has(t)) t++;
      used.add(t);
      return String(t);
    },
  };
}

/**
 * The endpoint's clock minus ours, from a response's `Date` header (one-second resolution).
 *
 * @example
 * clockOffset({ date: new Date(Date.now() + 60_000).toUTCString() }) // about 60000
 */
export function clockOffset(headers: Record<string, string>): number | undefined {
  const date = headers.date === undefined ? NaN : Date.parse(headers.date);
  return Number.isNaN(date) ? undefined : date - Date.now();
}
