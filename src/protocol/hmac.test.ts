import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacHex } from './hmac.js';

describe('hmacHex', () => {
  it('is HMAC-SHA256 for any key and any text, on the fast path and off it (property)', () => {
    fc.assert(
      fc.property(
        // Up to 64 ASCII bytes takes the padded-block path; longer or non-ASCII keys the KeyObject one.
        fc.oneof(fc.string({ minLength: 1, maxLength: 64, unit: 'binary-ascii' }), fc.string({ minLength: 1, maxLength: 200, unit: 'binary' })),
        fc.string({ maxLength: 300, unit: 'binary' }),
        (key, message) => {
          expect(hmacHex(key, message)).toBe(createHmac('sha256', key).update(message, 'utf8').digest('hex'));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keeps keys apart when several are used in turn (one outer block per key)', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(40);
    expect([hmacHex(a, '01012345678'), hmacHex(b, '01012345678'), hmacHex(a, '01012345678')]).toEqual([
      createHmac('sha256', a).update('01012345678').digest('hex'),
      createHmac('sha256', b).update('01012345678').digest('hex'),
      createHmac('sha256', a).update('01012345678').digest('hex'),
    ]);
  });
});
