import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLookup } from './lookup-items.js';
import { Refusal } from '../vocabulary/responses.js';

const read = compileLookup({
  callNum: { required: true, maxLength: 20, pattern: '[0-9+-]+' },
  nation: { required: false, maxLength: 10, values: ['korea', 'japan'] },
  toString: { required: false, maxLength: 10 },
});
const bytes = (text: string) => new TextEncoder().encode(text);

describe('compileLookup', () => {
  it('copies out only configured, non-empty string items', () => {
    expect(read(bytes('{"callNum":"010","nation":"","other":"x","toString":null}'))).toEqual({ callNum: '010' });
  });

  it('anchors the pattern, so a value merely containing a match fails', () => {
    const r = read(bytes('{"callNum":"010 OR 1=1"}'));
    expect(r).toBeInstanceOf(Refusal);
    expect((r as Refusal).code).toBe('ITEM_PATTERN_MISMATCH');
  });

  it('does not take an absent item from the prototype', () => {
    expect(read(bytes('{"callNum":"1"}'))).toEqual({ callNum: '1' });
  });

  it('refuses a lone surrogate escape, which no source can match, naming the item', () => {
    const r = read(bytes('{"callNum":"010","nation":"\\ud800kor"}'));
    expect((r as Refusal).code).toBe('ITEM_MALFORMED');
    expect((r as Refusal).message).toContain('"nation"');
    // A whole pair is one character, and fine.
    expect(compileLookup({ memo: { required: true, maxLength: 10 } })(bytes('{"memo":"\\ud83d\\ude00"}'))).toEqual({ memo: '😀' });
  });

  it('refuses invalid UTF-8 as invalid JSON', () => {
    const r = read(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect((r as Refusal).code).toBe('INVALID_JSON');
  });

  it('never throws, and never yields anything but configured string items', () => {
    const key = fc.oneof(fc.constantFrom('callNum', 'nation', 'toString', '__proto__', 'constructor', 'prototype'), fc.string());
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()));
    const body = fc.oneof(fc.dictionary(key, value).map((d) => JSON.stringify(d)), fc.string(), fc.json());
    fc.assert(
      fc.property(body, (text) => {
        const r = read(bytes(text));
        if (r instanceof Refusal) return true;
        expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
        for (const [k, v] of Object.entries(r)) {
          expect(['callNum', 'nation', 'toString']).toContain(k);
          expect(typeof v).toBe('string');
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
