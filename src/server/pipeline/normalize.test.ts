import { describe, expect, it } from 'vitest';
import { compileLookup } from './lookup-items.js';
import { compileNormalize } from './normalize.js';
import { Refusal } from '../vocabulary/responses.js';

describe('compileNormalize', () => {
  it('phone-kr: the digits of a Korean number, +82 written as the domestic 0', () => {
    const phone = compileNormalize('phone-kr')!;
    expect(['010-1234-5678', '010 1234 5678', '(010)1234.5678', '+82 10-1234-5678', '+82-10-1234-5678', '821012345678', '0082 10 1234 5678'].map(phone)).toEqual(
      Array(7).fill('01012345678'),
    );
    expect(phone('+82 2-123-4567')).toBe('021234567');
    expect(phone('1588-1234')).toBe('15881234');
    // Not a +82 number: the digits as they are.
    expect(phone('8210')).toBe('8210');
  });

  it('phone-kr: full-width digits and a +82 (0) trunk prefix', () => {
    const phone = compileNormalize('phone-kr')!;
    expect(['０１０-１２３４-５６７８', '+82 (0)10-1234-5678', '+82(0)1012345678', '0082 (0) 10 1234 5678', '＋８２ (０)１０-1234-5678'].map(phone)).toEqual(
      Array(5).fill('01012345678'),
    );
    expect(phone('+82 (0)2-123-4567')).toBe('021234567');
  });

  it('phone-kr-dashed: the Korean number in its dashed form', () => {
    const dashed = compileNormalize('phone-kr-dashed')!;
    expect(['01012345678', '+82 10 1234 5678', '010-1234-5678', '０１０１２３４５６７８', '+82 (0)10 1234 5678'].map(dashed)).toEqual(Array(5).fill('010-1234-5678'));
    expect(dashed('0212345678')).toBe('02-1234-5678');
    expect(dashed('021234567')).toBe('02-123-4567');
    expect(dashed('0311234567')).toBe('031-123-4567');
    expect(dashed('01112345678')).toBe('011-1234-5678');
    // Not a full Korean number: the digits, for the pattern check to refuse.
    expect(dashed('1588-1234')).toBe('15881234');
    expect(dashed('0101')).toBe('0101');
  });

  it('digits, trim and lower', () => {
    expect(compileNormalize('digits')!('C-0001 / 23')).toBe('000123');
    expect(compileNormalize('trim')!('  Hong  ')).toBe('Hong');
    expect(compileNormalize('lower')!(' Hong.GilDong@Example.COM ')).toBe('hong.gildong@example.com');
    expect(compileNormalize(undefined)).toBeUndefined();
  });
});

describe('lookup items with normalize', () => {
  const read = compileLookup({
    callNum: { required: true, maxLength: 20, pattern: '01[0-9]{8,9}', normalize: 'phone-kr' },
    email: { required: false, maxLength: 64, normalize: 'lower' },
  });
  const bytes = (value: object) => new TextEncoder().encode(JSON.stringify(value));

  it('hands the source the stored form, checked against the pattern after normalising', () => {
    expect(read(bytes({ callNum: '+82 10-1234-5678', email: ' Hong@Example.com' }))).toEqual({ callNum: '01012345678', email: 'hong@example.com' });
  });

  it('judges the length as sent, and a value that normalises to nothing as absent', () => {
    expect((read(bytes({ callNum: '010-1234-5678 (mobile, call after 6 pm)' })) as Refusal).code).toBe('ITEM_TOO_LONG');
    expect((read(bytes({ callNum: '---' })) as Refusal).code).toBe('MISSING_ITEM');
    expect(read(bytes({ callNum: '01012345678', email: '   ' }))).toEqual({ callNum: '01012345678' });
  });
});
