import type { Probe } from './types.js';

const CALLS = 5;

/**
 * Response time of valid lookups (p50 and max over five calls) against the timeout; slower
 * than half of it leaves no headroom on a busy day.
 *
 * @example
 * (await latencyProbe(ctx)).got // 'p50 4 ms, max 9 ms (5 calls)'
 */
export const latencyProbe: Probe = async (ctx) => {
  const id = 'latency';
  const title = `response time (${CALLS} valid lookups)`;
  const half = Math.round(ctx.timeoutMs / 2);
  const expected = `max ≤ ${half} ms`;
  const times: number[] = [];
  let timeouts = 0;
  let accepted = 0;
  for (let i = 0; i < CALLS; i++) {
    const result = await ctx.client.lookup(ctx.found);
    if (result.status === 0 && /timed out/.test(result.cause ?? '')) timeouts++;
    if (result.ok) accepted++;
    times.push(result.durationMs);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  const got = `p50 ${Math.round(p50)} ms, max ${Math.round(max)} ms (${accepted}/${CALLS} ok)`;
  const base = { id, title, expected, got, agent: null, durationMs: max };
  if (accepted === 0) return { ...base, verdict: 'skip', note: 'no lookup was accepted, so there is nothing to time' };
  if (timeouts > 0) return { ...base, verdict: 'fail', note: `${timeouts} of ${CALLS} calls timed out after ${ctx.timeoutMs} ms` };
  if (max > half) return { ...base, verdict: 'warn', note: `slower than half the ${ctx.timeoutMs} ms timeout` };
  return { ...base, verdict: 'pass' };
};
