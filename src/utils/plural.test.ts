import { describe, expect, it } from 'vitest';
import { counted } from './plural.js';

describe('counted', () => {
  it.each([
    [0, 'row', '0 rows'],
    [1, 'row', '1 row'],
    [2, 'row', '2 rows'],
    [100_000, 'customer', '100,000 customers'],
  ])('%i %s -> %s', (count, noun, expected) => {
    expect(counted(count, noun)).toBe(expected);
  });
});
