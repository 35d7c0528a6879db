import { randomBytes } from 'node:crypto';
import { keyLength } from './sign-options.js';

/**
 * A new security key from the operating system's CSPRNG, in the helpdesk's format
 * (24 lowercase hex characters). `length` (hex characters, 16-256) allows longer keys.
 *
 * @example
 * generateKey()               // 'a3f1c09e5d2b47e8b6c0d1f2'
 * generateKey({ length: 64 }) // 256-bit key
 */
export function generateKey(options: { length?: number } = {}): string {
  const length = keyLength(options);
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}
