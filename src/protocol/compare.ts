import { timingSafeEqual } from 'node:crypto';
import { SIGNATURE_LENGTH } from './signature-format.js';

// Scratch buffers reused across calls: verification is synchronous, so no two calls interleave.
const expectedBytes = Buffer.alloc(SIGNATURE_LENGTH);
const givenBytes = Buffer.alloc(SIGNATURE_LENGTH);

/**
 * Constant-time equality of a computed signature and a received `Authorization` value.
 * The bytes are always compared in full, whatever the received length, so the time taken
 * says nothing about how much of a forged signature was right.
 *
 * @example
 * signaturesEqual(computed, req.headers.authorization ?? '')
 */
export function signaturesEqual(expected: string, given: string): boolean {
  expectedBytes.write(expected, 0, 'latin1');
  // UTF-8 so that a non-ASCII character can never alias an ASCII one; a longer value is cut.
  const written = givenBytes.write(given, 0, 'utf8');
  const same = timingSafeEqual(expectedBytes, givenBytes);
  return same && written === SIGNATURE_LENGTH && given.length === SIGNATURE_LENGTH;
}
