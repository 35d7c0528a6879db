import { BlockList, isIP } from 'node:net';
import { normalizeIp, parseCidr } from '../vocabulary/cidr.js';

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
