import type { Probe } from './types.js';

/**
 * Whether the URL is HTTPS. Plain HTTP passes only on loopback (local testing); elsewhere the
 * lookup items and customer data would cross the network in clear.
 *
 * @example
 * (await tlsProbe(ctx)).verdict // 'warn' for http://crm.example.com/
 */
export const tlsProbe: Probe = async (ctx) => {
  const url = ctx.client.url;
  const base = { id: 'tls', title: 'transport', expected: 'https', got: url.protocol.slice(0, -1), agent: null };
  if (url.protocol === 'https:') return { ...base, verdict: 'pass' };
  if (isLoopback(url.hostname)) return { ...base, verdict: 'pass', note: 'plain HTTP on loopback: local testing only' };
  return { ...base, verdict: 'warn', note: 'plain HTTP: lookup items and customer data travel unencrypted; use HTTPS' };
};

/**
 * Whether a URL host name is the local machine.
 *
 * @example
 * isLoopback('127.0.0.1') // true
 * isLoopback('[::1]')     // true
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '[::1]' ||
    /^\[::ffff:127\./.test(host) || /^\[::ffff:7f/.test(host)
  );
}
