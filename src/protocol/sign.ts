import { computeSignature } from './hmac.js';
import { checkSignOptions } from './sign-options.js';
import type { SignOptions, SignResult } from './types.js';

/**
 * Signs a request body as the helpdesk does: `Authorization` is the Base64 HMAC-SHA256 of
 * the raw body followed by `X-TC-Timestamp` (or of the URI, body and timestamp).
 *
 * @example
 * const body = JSON.stringify({ callNum: '01012345678' });
 * const { authorization, timestamp } = signRequest({ key: process.env.CUSTLINK_KEY!, body });
 * await fetch(url, { method: 'POST', body, headers: { authorization, 'x-tc-timestamp': timestamp } });
 */
export function signRequest(options: SignOptions): SignResult {
  const { key, scheme, uri, body, timestamp } = checkSignOptions(options);
  return { authorization: computeSignature(key, scheme, uri, body, timestamp), timestamp };
}
