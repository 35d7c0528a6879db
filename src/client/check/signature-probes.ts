import { generateKey } from '../../protocol/generate-key.js';
import { judgeForbidden } from './describe.js';
import type { Probe } from './types.js';

/**
 * Signed with a different key: 403.
 *
 * @example
 * (await wrongKeyProbe(ctx)).verdict // 'pass' when the endpoint answers 403
 */
export const wrongKeyProbe: Probe = async (ctx) => {
  let other = generateKey({ length: Math.max(16, Math.min(256, ctx.key.length)) });
  while (other === ctx.key) other = generateKey();
  const timestamp = ctx.stamp();
  const result = await ctx.client.send({ body: ctx.foundBody, timestamp, authorization: ctx.sign(ctx.foundBody, timestamp, other) });
  return judgeForbidden('wrong-key', 'signed with another key', result);
};

/**
 * The signature of the `--found` body, sent with the same items re-spaced: 403. The values stay
 * those of a found customer, so an endpoint that skips verification (or verifies a
 * re-serialisation instead of the raw bytes) answers 200 and fails, rather than a 400 "not
 * found" that would pass for a refusal.
 *
 * @example
 * (await tamperedBodyProbe(ctx)).id // 'tampered-body'
 */
export const tamperedBodyProbe: Probe = async (ctx) => {
  const timestamp = ctx.stamp();
  const authorization = ctx.sign(ctx.foundBody, timestamp);
  const spaced = JSON.stringify(ctx.found, null, 1);
  const tampered = spaced === ctx.foundBody ? `${ctx.foundBody} ` : spaced;
  const result = await ctx.client.send({ body: tampered, timestamp, authorization });
  return judgeForbidden('tampered-body', 'body changed after signing', result);
};

/**
 * A valid signature sent with a timestamp 1 ms later than the signed one (still in the window): 403.
 *
 * @example
 * (await tamperedTimestampProbe(ctx)).id // 'tampered-timestamp'
 */
export const tamperedTimestampProbe: Probe = async (ctx) => {
  const signed = ctx.stamp();
  const authorization = ctx.sign(ctx.foundBody, signed);
  const result = await ctx.client.send({ body: ctx.foundBody, timestamp: String(Number(signed) + 1), authorization });
  return judgeForbidden('tampered-timestamp', 'timestamp changed after signing', result);
};

/**
 * No Authorization header at all: 403.
 *
 * @example
 * (await missingAuthorizationProbe(ctx)).id // 'no-authorization'
 */
export const missingAuthorizationProbe: Probe = async (ctx) => {
  const result = await ctx.client.send({ body: ctx.foundBody, timestamp: ctx.stamp(), authorization: null });
  return judgeForbidden('no-authorization', 'no Authorization header', result);
};
