import { keyLength } from '../sign-options.js';

/**
 * `generateKey` for Web Crypto runtimes: `crypto.getRandomValues`, same format as the Node entry.
 *
 * @example
 * generateKey() // 24 lowercase hex characters
 */
export function generateKey(options: { length?: number } = {}): string {
  const length = keyLength(options);
  const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(length / 2)));
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex.slice(0, length);
}
