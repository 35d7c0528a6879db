import { describe, expect, it } from 'vitest';
import { invalidOffsets, Utf8Checker } from './utf8.js';

const offsets = (buf: Uint8Array, at = 0) => {
  const found: number[] = [];
  invalidOffsets(buf, at, (o) => found.push(o));
  return found;
};

describe('invalidOffsets', () => {
  it('finds nothing in valid text, Korean included', () => {
    expect(offsets(Buffer.from('id,이름\n1,김민준 😀\n'))).toEqual([]);
  });

  it('reports the first invalid sequence of each line at its absolute offset', () => {
    expect(offsets(Buffer.from([0x61, 0xff, 0x62]), 100)).toEqual([101]);
    expect(offsets(Buffer.from([0xc0, 0xaf]))).toEqual([0]); // overlong "/"
    expect(offsets(Buffer.from([0xed, 0xa0, 0x80]))).toEqual([0]); // a UTF-16 surrogate
    expect(offsets(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toEqual([0]); // above U+10FFFF
    expect(offsets(Buffer.from([0xea, 0xb9, 0x41]))).toEqual([0]); // cut short
    expect(offsets(Buffer.from([0x61, 0xb1, 0xe8, 0xb1, 0x0a, 0x62, 0x0a, 0xff]))).toEqual([1, 7]); // EUC-KR "김" twice
  });
});

describe('Utf8Checker', () => {
  it('accepts a character split across chunks', () => {
    const found: number[] = [];
    const checker = new Utf8Checker((o) => found.push(o));
    const bytes = Buffer.from('a김b');
    checker.check(bytes.subarray(0, 2), 0);
    checker.check(bytes.subarray(2, 3), 2);
    checker.check(bytes.subarray(3), 3);
    checker.end();
    expect(found).toEqual([]);
  });

  it('reports bad bytes in later chunks and a character cut off by the end', () => {
    const found: number[] = [];
    const checker = new Utf8Checker((o) => found.push(o));
    checker.check(Buffer.from('abc'), 0);
    checker.check(Buffer.from([0x64, 0xfe, 0x65]), 3);
    checker.check(Buffer.from([0x66, 0xea]), 6);
    checker.end();
    expect(found).toEqual([4, 7]);
  });
});
