import { describe, expect, it } from 'vitest';
import { printable } from './printable.js';
import { formatTable } from './table.js';

describe('printable', () => {
  it('spells every control character as its \\u escape and leaves other text alone', () => {
    expect(printable('\x1b]0;t\x07\x1b[2J\r\n\t\x00\x7f\x9b')).toBe(
      '\\u001b]0;t\\u0007\\u001b[2J\\u000d\\u000a\\u0009\\u0000\\u007f\\u009b',
    );
    expect(printable('\u202eevil\u202c \u2066x\u2069 \u200f\u061c\u2028')).toBe(
      '\\u202eevil\\u202c \\u2066x\\u2069 \\u200f\\u061c\\u2028',
    );
    expect(printable('홍길동 010-1234 naïve 😀 \\u001b')).toBe('홍길동 010-1234 naïve 😀 \\u001b');
  });

  it('keeps a table aligned and each row on one line', () => {
    expect(formatTable(['k', 'v'], [['a\nb', 'x'], ['\x1b', 'y']]).split('\n')).toEqual([
      'k         v',
      'a\\u000ab  x',
      '\\u001b    y',
    ]);
  });
});
