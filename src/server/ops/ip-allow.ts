import { BlockList, isIP } from 'node:net';

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
function normalizeIp(ip: string): string {
  if (ip.length > 7 && (ip.startsWith('::ffff:') || ip.startsWith('::FFFF:')) && ip.includes('.')) {
    return ip.slice(7);
  }
  return ip;
}

const MAX_CACHED = 1024;

/**
 * A compiled allow list. The helpdesk calls from a handful of addresses, so answers are cached
 * per address (bounded, so a scan from many addresses cannot grow memory).
 *
 * @example
 * const allowed = createIpAllow(['10.0.0.0/8']);
 * allowed('10.1.2.3') // true
 * allowed(undefined)  // false
 */
export function createIpAllow(entries: readonly string[]): (ip: string | undefined) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const cidr = parseCidr(entry);
    if (cidr === null) throw new TypeError(`not an IP address or CIDR block: ${entry}`);
    list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  const cache = new Map<string, boolean>();
  return (ip) => {
    if (ip === undefined || ip === '') return false;
    let allowed = cache.get(ip);
    if (allowed === undefined) {
      const address = normalizeIp(ip);
      const version = isIP(address);
      allowed = version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(ip, allowed);
    }
    return allowed;
  };
}
