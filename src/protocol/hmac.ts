import { createHmac } from 'node:crypto';
import { hmacKey } from './key-cache.js';
import type { Body, Scheme } from './types.js';

/**
 * Base64 HMAC-SHA256 of `[uri] + body + timestamp` under `key`, the protocol's signature.
 * The parts are fed to the HMAC in order instead of being concatenated, so bytes bodies are
 * never copied and string bodies are UTF-8 encoded exactly once.
 *
 * @example
 * computeSignature('bf7769e5321448de88838cdb', 'body+timestamp', undefined, '{}', '1763800000000')
 */
export function computeSignature(
  key: string,
  scheme: Scheme,
  uri: string | undefined,
  body: Body,
  timestamp: string,
): string {
  const h = createHmac('sha256', hmacKey(key));
  if (scheme === 'uri+body+timestamp') h.update(uri ?? '', 'utf8');
  if (typeof body === 'string') {
    // One update for the common case: V8 flattens the pair once, then OpenSSL hashes it once.
    return h.update(body + timestamp, 'utf8').digest('base64');
  }
  return h.update(body).update(timestamp, 'latin1').digest('base64');
}
