import { isLoopback } from '../../utils/loopback.js';
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
