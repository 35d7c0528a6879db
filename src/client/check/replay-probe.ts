import { describeResult, exchangeOf } from './describe.js';
import type { Probe } from './types.js';

/**
 * The same signed request sent twice. Replay protection is optional in the protocol, so two
 * acceptances only warn; a second answer of 403 passes.
 *
 * @example
 * (await replayProbe(ctx)).verdict // 'warn' for an endpoint without replay protection
 */
export const replayProbe: Probe = async (ctx) => {
  const id = 'replay';
  const title = 'same signed request twice';
  const expected = 'second refused (403)';
  const timestamp = ctx.stamp();
  const request = { body: ctx.foundBody, timestamp, authorization: ctx.sign(ctx.foundBody, timestamp) };
  const first = await ctx.client.send(request);
  if (!first.ok) {
    return {
      id, title, expected, got: `first: ${describeResult(first)}`, status: first.status, agent: first.agentMessage, verdict: 'skip', exchange: exchangeOf(first),
      note: 'the first send was not accepted, so a replay cannot be judged',
    };
  }
  const second = await ctx.client.send(request);
  const base = {
    id, title, expected, got: `second: ${describeResult(second)}`, status: second.status, agent: second.agentMessage, durationMs: second.durationMs, exchange: exchangeOf(second),
  };
  if (second.ok) return { ...base, verdict: 'warn', note: 'replay accepted (replay protection is optional)' };
  if (second.status === 403) return { ...base, verdict: 'pass' };
  return { ...base, verdict: 'warn', note: `refused, but not with 403: the agent sees "${second.agentMessage.en}"` };
};
