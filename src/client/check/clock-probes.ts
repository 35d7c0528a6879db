import { fromResult, judgeForbidden } from './describe.js';
import type { Probe, ProbeContext, ProbeResult } from './types.js';

const MINUTE = 60_000;
/** Inside the guide's ±5 minutes with 10 s to spare for network time and clock drift. */
const SKEW_MS = 4 * MINUTE + 50_000;
const OUTSIDE_MS = 6 * MINUTE;

/**
 * No X-TC-Timestamp; the signature covers the body alone, so only the missing header is wrong: 403.
 *
 * @example
 * (await missingTimestampProbe(ctx)).id // 'no-timestamp'
 */
export const missingTimestampProbe: Probe = async (ctx) => {
  const result = await ctx.client.send({ body: ctx.foundBody, timestamp: null, authorization: ctx.sign(ctx.foundBody, '') });
  return judgeForbidden('no-timestamp', 'no X-TC-Timestamp header', result);
};

/**
 * A timestamp with letters after the digits (which `parseInt` would accept), correctly signed: 403.
 *
 * @example
 * (await nonNumericTimestampProbe(ctx)).id // 'non-numeric-timestamp'
 */
export const nonNumericTimestampProbe: Probe = async (ctx) => {
  const timestamp = `${ctx.stamp()}ms`;
  const authorization = ctx.sign(ctx.foundBody, timestamp);
  const result = await ctx.client.send({ body: ctx.foundBody, timestamp, authorization });
  return judgeForbidden('non-numeric-timestamp', `X-TC-Timestamp "${timestamp}"`, result);
};

/**
 * Correctly signed, 6 minutes old: 403 (the window is ±5 minutes).
 *
 * @example
 * (await staleProbe(ctx)).id // 'stale-6m'
 */
export const staleProbe: Probe = (ctx) => forbiddenAt(ctx, -OUTSIDE_MS, 'stale-6m', 'timestamp 6 min old');

/**
 * Correctly signed, 6 minutes ahead: 403.
 *
 * @example
 * (await futureProbe(ctx)).id // 'future-6m'
 */
export const futureProbe: Probe = (ctx) => forbiddenAt(ctx, OUTSIDE_MS, 'future-6m', 'timestamp 6 min ahead');

/**
 * Correctly signed, 4 min 50 s old: accepted, because the helpdesk's clock may lag.
 *
 * @example
 * (await skewPastProbe(ctx)).id // 'skew-past'
 */
export const skewPastProbe: Probe = (ctx) => acceptedAt(ctx, -SKEW_MS, 'skew-past', 'timestamp 4 min 50 s old');

/**
 * Correctly signed, 4 min 50 s ahead: accepted.
 *
 * @example
 * (await skewFutureProbe(ctx)).id // 'skew-future'
 */
export const skewFutureProbe: Probe = (ctx) => acceptedAt(ctx, SKEW_MS, 'skew-future', 'timestamp 4 min 50 s ahead');

async function forbiddenAt(ctx: ProbeContext, offsetMs: number, id: string, title: string): Promise<ProbeResult> {
  const timestamp = ctx.stamp(offsetMs);
  const result = await ctx.client.send({ body: ctx.foundBody, timestamp, authorization: ctx.sign(ctx.foundBody, timestamp) });
  const judged = judgeForbidden(id, title, result);
  return judged.verdict === 'pass' ? judged : withClockNote(ctx, judged);
}

async function acceptedAt(ctx: ProbeContext, offsetMs: number, id: string, title: string): Promise<ProbeResult> {
  const timestamp = ctx.stamp(offsetMs);
  const result = await ctx.client.send({ body: ctx.foundBody, timestamp, authorization: ctx.sign(ctx.foundBody, timestamp) });
  if (result.ok) return fromResult(id, title, '200 data', result, 'pass');
  const note =
    result.status === 403
      ? 'refused inside the ±5 min window: a helpdesk clock slightly off would lock agents out'
      : (result.cause ?? `expected 200, got ${result.status}`);
  return withClockNote(ctx, fromResult(id, title, '200 data', result, 'fail', note));
}

// A failure here may be the endpoint's clock rather than its code; say so when its Date shows it.
function withClockNote(ctx: ProbeContext, result: ProbeResult): ProbeResult {
  const offset = ctx.clockOffsetMs;
  if (offset === undefined || Math.abs(offset) < 30_000) return result;
  const side = offset > 0 ? 'ahead of' : 'behind';
  const clock = `the endpoint's clock (its Date header) is about ${Math.round(Math.abs(offset) / 1000)} s ${side} ours`;
  return { ...result, note: result.note ? `${result.note}; ${clock}` : clock };
}
