import { exchangeOf } from './describe.js';
import type { LatencyFacts, Probe } from './types.js';

/**
 * Response time of N valid lookups (`lookups`, default 5) against the timeout; a maximum slower
 * than half of it leaves no headroom on a busy day.
 *
 * @example
 * (await latencyProbe(ctx)).got // 'p50 4 ms, p95 9 ms, max 9 ms (5/5 ok)'
 */
export const latencyProbe: Probe = async (ctx) => {
  const id = 'latency';
  const calls = ctx.lookups;
  const title = `response time (${calls} valid lookups)`;
  const half = Math.round(ctx.timeoutMs / 2);
  const expected = `max ≤ ${half} ms`;
  const times: number[] = [];
  let timeouts = 0;
  let accepted = 0;
  let last;
  for (let i = 0; i < calls; i++) {
    last = await ctx.client.lookup(ctx.found);
    if (last.status === 0 && /timed out/.test(last.cause ?? '')) timeouts++;
    if (last.ok) accepted++;
    times.push(last.durationMs);
  }
  const latency = latencyFacts(times);
  const got = `p50 ${Math.round(latency.p50)} ms, p95 ${Math.round(latency.p95)} ms, max ${Math.round(latency.max)} ms (${accepted}/${calls} ok)`;
  const base = { id, title, expected, got, agent: null, durationMs: latency.max, latency, ...(last ? { exchange: exchangeOf(last) } : {}) };
  if (accepted === 0) return { ...base, verdict: 'skip', note: 'no lookup was accepted, so there is nothing to time' };
  if (timeouts > 0) return { ...base, verdict: 'fail', note: `${timeouts} of ${calls} calls timed out after ${ctx.timeoutMs} ms` };
  if (latency.max > half) return { ...base, verdict: 'warn', note: `slower than half the ${ctx.timeoutMs} ms timeout` };
  return { ...base, verdict: 'pass' };
};

/**
 * Nearest-rank percentiles of response times: p95 of 20 samples is the 19th fastest.
 *
 * @example
 * latencyFacts([5, 1, 3, 2, 4]) // { samplesMs: [5, 1, 3, 2, 4], p50: 3, p95: 5, p99: 5, max: 5 }
 */
export function latencyFacts(samplesMs: number[]): LatencyFacts {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { samplesMs, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1] ?? 0 };
}
