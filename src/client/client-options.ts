import { CustlinkError } from '../protocol/errors.js';
import type { Scheme } from '../protocol/types.js';

/** The helpdesk-like default: long enough for a database lookup, short enough for an agent. */
export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * The endpoint URL, which must be http: or https:.
 *
 * @example
 * checkUrl('https://crm.example.com/oc').pathname // '/oc'
 */
export function checkUrl(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CustlinkError('CUSTLINK_INVALID_URL', `createClient: not a URL: ${String(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CustlinkError('CUSTLINK_INVALID_URL', `createClient: URL must be https: or http:, got ${url.protocol}`);
  }
  return url;
}

/**
 * The signature scheme, `body+timestamp` unless given.
 *
 * @example
 * checkScheme(undefined) // 'body+timestamp'
 */
export function checkScheme(scheme: Scheme | undefined): Scheme {
  if (scheme === undefined) return 'body+timestamp';
  if (scheme !== 'body+timestamp' && scheme !== 'uri+body+timestamp') {
    throw new CustlinkError('CUSTLINK_INVALID_SCHEME', `createClient: scheme must be body+timestamp or uri+body+timestamp`);
  }
  return scheme;
}

/**
 * A timeout in whole milliseconds above zero, `DEFAULT_TIMEOUT_MS` unless given.
 *
 * @example
 * checkTimeout(undefined) // 5000
 */
export function checkTimeout(value: number | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(value) || value <= 0) {
    throw new CustlinkError('CUSTLINK_INVALID_TIMEOUT', 'timeoutMs must be a positive whole number of milliseconds');
  }
  return value;
}

/**
 * Headers with lower-case names, so a caller's `Authorization` replaces ours instead of doubling it.
 *
 * @example
 * lowerCase({ 'X-Extra': '1' }) // { 'x-extra': '1' }
 */
export function lowerCase(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
