import { describe, expect, it } from 'vitest';
import { demoPhone, formatPhone, makeCustomer } from './customer.js';

describe('makeCustomer', () => {
  it('makes the same customer for the same seed and row, on every run', () => {
    expect(makeCustomer(7, 123)).toEqual(makeCustomer(7, 123));
    const names = (seed: number) => Array.from({ length: 20 }, (_, i) => makeCustomer(seed, i).name);
    expect(names(7)).not.toEqual(names(8));
  });

  it('looks like a Korean game customer with the guide’s account fields', () => {
    for (let i = 0; i < 2_000; i++) {
      const c = makeCustomer(1, i);
      expect(c.name).toMatch(/^[가-힣]{3,4}$/);
      expect(c.phone).toMatch(/^010[2-9]\d{7}$/);
      expect(c.phoneDisplay).toBe(formatPhone(c.phone));
      expect(c.email).toMatch(/^[a-z]+\.[a-z]+[0-9a-z]+@[a-z]+\.(com|net)$/);
      expect(c.cashTotal).toBe(c.cashReal + c.cashBonus);
      expect(c.memberId).toBe(`C${String(i + 1).padStart(8, '0')}`);
      expect(c.joinedAt).toMatch(/^20[12]\d-\d\d-\d\d$/);
    }
  });

  it('draws surnames and nations with realistic frequencies', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => makeCustomer(3, i));
    const share = (test: (c: (typeof rows)[number]) => boolean) => rows.filter(test).length / rows.length;
    expect(share((c) => c.name.startsWith('김'))).toBeGreaterThan(0.18);
    expect(share((c) => c.name.startsWith('김'))).toBeLessThan(0.25);
    expect(share((c) => c.name.startsWith('이'))).toBeGreaterThan(0.12);
    expect(share((c) => c.nation === 'korea')).toBeGreaterThan(0.9);
    expect(share((c) => c.cashReal === 0)).toBeGreaterThan(0.3);
  });
});

describe('demoPhone', () => {
  it('gives every row its own mobile number', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(demoPhone(i));
    expect(seen.size).toBe(200_000);
  });

  it('formats as people write it', () => {
    expect(formatPhone(demoPhone(0))).toBe('010-5141-5926');
  });
});
