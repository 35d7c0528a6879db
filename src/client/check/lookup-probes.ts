import { clockOffset } from './context.js';
import { fromResult, unmaskedLooking } from './describe.js';
import type { Probe } from './types.js';

/**
 * A valid signed lookup of the `--found` customer: 200 with `{"data":{...}}` of string values.
 *
 * @example
 * const result = await foundProbe(ctx); // { id: 'found', verdict: 'pass', got: '200 data {userName, id}', ... }
 */
export const foundProbe: Probe = async (ctx) => {
  const title = 'valid signed lookup (--found)';
  const expected = '200 data, string values';
  const result = await ctx.client.lookup(ctx.found);
  ctx.clockOffsetMs = clockOffset(result.headers);
  if (!result.ok) {
    const hint =
      result.status === 403
        ? 'refused a correctly signed request: check --key and --scheme (and the endpoint clock)'
        : result.status === 400
          ? 'the --found customer was not found'
          : result.status === 0
            ? 'no HTTP answer'
            : (result.cause ?? 'not a 200 data answer');
    return fromResult('found', title, expected, result, 'fail', hint);
  }
  const nonStrings = Object.entries(result.data ?? {}).filter(([, v]) => typeof v !== 'string').map(([k]) => k);
  if (nonStrings.length > 0) {
    return fromResult('found', title, expected, result, 'fail', `result items must be strings: ${nonStrings.join(', ')}`);
  }
  if (Object.keys(result.data ?? {}).length === 0) {
    return fromResult('found', title, expected, result, 'warn', '"data" is empty: the agent sees no result items');
  }
  const type = result.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return fromResult('found', title, expected, result, 'warn', `Content-Type is "${type}", not application/json`);
  }
  const unmasked = unmaskedLooking(result.data ?? {});
  return { ...fromResult('found', title, expected, result, 'pass'), ...(unmasked.length > 0 ? { unmaskedLooking: unmasked } : {}) };
};

/**
 * A valid signed lookup of the `--missing` customer: 400 with an error envelope, which the
 * helpdesk shows as 조회 결과가 없습니다 (no result).
 *
 * @example
 * const result = await missingProbe(ctx); // verdict 'skip' without --missing
 */
export const missingProbe: Probe = async (ctx) => {
  const title = 'unknown customer (--missing)';
  const expected = '400 error';
  if (ctx.missing === undefined) {
    return { id: 'missing', title, expected, got: '-', agent: null, verdict: 'skip', note: 'give --missing to check it' };
  }
  const result = await ctx.client.lookup(ctx.missing);
  if (result.status === 400 && result.error) return fromResult('missing', title, expected, result, 'pass');
  const note =
    result.status === 200
      ? 'answered 200 for a customer that should not exist'
      : result.status === 400
        ? `400 without an error envelope: ${result.cause ?? ''}`
        : `an unknown customer must be 400 (the agent sees "${result.agentMessage.en}")`;
  return fromResult('missing', title, expected, result, 'fail', note);
};
