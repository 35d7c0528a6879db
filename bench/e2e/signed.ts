import { signRequest } from '../../src/protocol/sign.js';
import { demoPhone } from '../../src/demo/customer.js';
import { createRng } from '../../src/demo/prng.js';

/** One lookup as the helpdesk sends it: the raw body and its headers, signed. */
export interface SignedLookup {
  body: string;
  headers: Record<string, string>;
}

/**
 * `size` distinct real customers spread over the whole table (one per stratum of `rows / size`
 * rows, so no two repeat), signed now: valid for the protocol's 5-minute window, so sign right
 * before each run.
 *
 * @example
 * const pool = signedLookups({ size: 2_000, rows: 1_000_000, key });
 */
export function signedLookups({ size, rows, key }: { size: number; rows: number; key: string }): SignedLookup[] {
  const rng = createRng(99);
  const stratum = rows / size;
  return Array.from({ length: size }, (_, i) => {
    const body = JSON.stringify({ callNum: demoPhone(Math.floor((i + rng()) * stratum)), nation: 'korea' });
    const { authorization, timestamp } = signRequest({ key, body });
    return { body, headers: { 'content-type': 'application/json', authorization, 'x-tc-timestamp': timestamp } };
  });
}
