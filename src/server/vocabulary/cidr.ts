import { isIP } from 'node:net';

/** A parsed `allowIps` entry. */
export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/**
 * Parses `10.0.0.0/8`, `127.0.0.1` (a /32) or `2001:db8::/32`; `null` when it is neither.
 *
 * @example
 * parseCidr('10.0.0.0/8') // { address: '10.0.0.0', prefix: 8, family: 'ipv4' }
 * parseCidr('10.0.0.0/33') // null
 */
export function parseCidr(entry: string): Cidr | null {
  const slash = entry.indexOf('/');
  const address = normalizeIp(slash < 0 ? entry.trim() : entry.slice(0, slash).trim());
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const text = entry.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(text)) return null;
    prefix = Number(text);
    if (prefix > max) return null;
  }
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * An IPv4 address seen on a dual-stack socket (`::ffff:10.1.2.3`) as plain IPv4, so that an
 * IPv4 allow list matches it.
 *
 * @example
 * normalizeIp('::ffff:127.0.0.1') // '127.0.0.1'
 */
export function normalizeIp(ip: string): string {
  if (ip.length > 7 && (ip.startsWith('::ffff:') || ip.startsWith('::FFFF:')) && ip.includes('.')) {
    return ip.slice(7);
  }
  return ip;
}
