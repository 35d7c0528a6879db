import { describe, expect, it } from 'vitest';
import { clientIp } from '../routing/client-ip.js';
import { parseCidr } from '../vocabulary/cidr.js';
import { createIpAllow } from './ip-allow.js';

describe('allowIps', () => {
  it('parses blocks and single addresses, and refuses anything else', () => {
    expect(parseCidr('127.0.0.1')).toEqual({ address: '127.0.0.1', prefix: 32, family: 'ipv4' });
    expect(parseCidr('2001:db8::/32')).toEqual({ address: '2001:db8::', prefix: 32, family: 'ipv6' });
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'example.com', '10.0.0.0/', '::/129']) expect(parseCidr(bad)).toBeNull();
  });

  it('matches IPv4, IPv4 seen on a dual-stack socket, and IPv6', () => {
    const allowed = createIpAllow(['10.0.0.0/8', '127.0.0.1', '2001:db8::/32']);
    expect(allowed('10.200.3.4')).toBe(true);
    expect(allowed('::ffff:10.1.1.1')).toBe(true);
    expect(allowed('127.0.0.1')).toBe(true);
    expect(allowed('127.0.0.2')).toBe(false);
    expect(allowed('2001:db8:1::5')).toBe(true);
    expect(allowed('2001:db9::5')).toBe(false);
    expect(allowed(undefined)).toBe(false);
    expect(allowed('garbage')).toBe(false);
  });
});

describe('clientIp', () => {
  it('uses the socket address unless a proxy is trusted', () => {
    expect(clientIp('10.0.0.5', '203.0.113.9', false)).toBe('10.0.0.5');
  });

  it('takes the entry the trusted proxy wrote, never one the client could have', () => {
    expect(clientIp('10.0.0.5', '1.1.1.1, 203.0.113.9', true)).toBe('203.0.113.9');
    expect(clientIp('10.0.0.5', '1.1.1.1, 203.0.113.9, 10.0.0.9', 2)).toBe('203.0.113.9');
    expect(clientIp('10.0.0.5', '203.0.113.9', 2)).toBeUndefined();
    expect(clientIp('10.0.0.5', undefined, true)).toBeUndefined();
  });
});
