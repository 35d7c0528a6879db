/**
 * The client address for `allowIps`. Behind `trustProxy: N`, the address N hops back in
 * `X-Forwarded-For` (the one the outermost trusted proxy saw); the entries further left were
 * written by the client itself and could be anything, so they are never used.
 *
 * @example
 * clientIp('10.0.0.5', '203.0.113.9, 198.51.100.7', 1) // '198.51.100.7'
 * clientIp('10.0.0.5', undefined, true)                // undefined
 * clientIp('10.0.0.5', '203.0.113.9', false)           // '10.0.0.5'
 */
export function clientIp(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean | number,
): string | undefined {
  if (trustProxy === false || trustProxy === 0) return socketAddress;
  // Behind a trusted proxy a request without the header did not come through it: no address.
  if (forwardedFor === undefined) return undefined;
  const hops = trustProxy === true ? 1 : trustProxy;
  const joined = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const parts = joined.split(',');
  // Fewer entries than trusted hops: the request skipped a proxy, so the header proves nothing.
  if (parts.length < hops) return undefined;
  const ip = parts[parts.length - hops]!.trim();
  return ip === '' ? undefined : ip;
}
