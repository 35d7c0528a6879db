import { fromResult } from './describe.js';
import type { Probe, ProbeContext, ProbeResult } from './types.js';
import type { LookupResult } from '../types.js';

const LARGE_BODY_BYTES = 1024 * 1024;

/**
 * A correctly signed body that is not JSON (the `--found` body cut short): 4xx with an error
 * envelope, never a 5xx (a parser crash) and never a 200.
 *
 * @example
 * (await invalidJsonProbe(ctx)).id // 'invalid-json'
 */
export const invalidJsonProbe: Probe = (ctx) =>
  badInput(ctx, 'invalid-json', 'body is not JSON', ctx.foundBody.slice(0, -1));

/**
 * The `--found` body without its first item (taken as the required one), correctly signed: 4xx.
 *
 * @example
 * (await missingItemProbe(ctx)).id // 'missing-item'
 */
export const missingItemProbe: Probe = (ctx) => {
  const [first, ...rest] = Object.keys(ctx.found);
  const body = JSON.stringify(Object.fromEntries(rest.map((k) => [k, ctx.found[k]])));
  return badInput(ctx, 'missing-item', `required item "${first ?? ''}" left out`, body);
};

/**
 * A correctly signed 1 MiB body: refused (413 or another 4xx) within the timeout. An endpoint
 * may answer before reading the body and close; that answer counts even if our write then
 * fails. A close without any answer is a warning (the agent sees an error), a hang a failure.
 *
 * @example
 * (await largeBodyProbe(ctx)).got // '413 error (code body_too_large)'
 */
export const largeBodyProbe: Probe = async (ctx) => {
  const id = 'large-body';
  const title = '1 MiB body';
  const expected = '413 (or 4xx) in time';
  const head = `${ctx.foundBody.slice(0, -1)}${Object.keys(ctx.found).length > 0 ? ',' : ''}"padding":"`;
  const body = `${head}${'x'.repeat(LARGE_BODY_BYTES - Buffer.byteLength(head) - 2)}"}`;
  const timestamp = ctx.stamp();
  const result = await ctx.client.send({ body, timestamp, authorization: ctx.sign(body, timestamp) });
  if (result.status === 413 || (result.status >= 400 && result.status < 500)) {
    return fromResult(id, title, expected, result, 'pass');
  }
  if (result.status === 0) {
    if (/timed out/.test(result.cause ?? '')) {
      return fromResult(id, title, expected, result, 'fail', 'no answer within the timeout: a large body hangs the endpoint');
    }
    return fromResult(id, title, expected, result, 'warn', 'closed without an HTTP answer; send 413 before closing');
  }
  const note = result.status === 200 ? 'accepted a 1 MiB lookup: limit the body size' : `expected a 4xx, got ${result.status}`;
  return fromResult(id, title, expected, result, 'fail', note);
};

async function badInput(ctx: ProbeContext, id: string, title: string, body: string): Promise<ProbeResult> {
  const timestamp = ctx.stamp();
  const result = await ctx.client.send({ body, timestamp, authorization: ctx.sign(body, timestamp) });
  return judgeBadInput(id, title, result);
}

function judgeBadInput(id: string, title: string, result: LookupResult): ProbeResult {
  const expected = '4xx error';
  const { status } = result;
  if (status >= 400 && status < 500) {
    return result.error
      ? fromResult(id, title, expected, result, 'pass')
      : fromResult(id, title, expected, result, 'warn', `no error envelope: ${result.cause ?? ''}`);
  }
  if (status >= 500) return fromResult(id, title, expected, result, 'fail', 'bad input must be a 4xx, not a server error');
  if (status === 0) return fromResult(id, title, expected, result, 'fail', 'no HTTP answer');
  return fromResult(id, title, expected, result, 'fail', `bad input was answered ${status}`);
}
