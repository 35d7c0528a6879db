import { describe, expect, it } from 'vitest';
import { compileMask, maskEmail, maskKeep, maskName, maskPhone } from './mask.js';

describe('masks', () => {
  it('phone: keeps the first three and last four digits and the separators', () => {
    expect(maskPhone('010-1234-5678')).toBe('010-****-5678');
    expect(maskPhone('01012345678')).toBe('010****5678');
    expect(maskPhone('+82 10-1234-5678')).toBe('+82 1*-****-5678');
    expect(maskPhone('1588-1234')).toBe('****-1234');
    expect(maskPhone('112')).toBe('***');
  });

  it('email: keeps the start of the local part and the domain', () => {
    expect(maskEmail('hong.gildong@example.com')).toBe('ho**********@example.com');
    expect(maskEmail('abc@example.com')).toBe('a**@example.com');
    expect(maskEmail('a@example.com')).toBe('*@example.com');
    expect(maskEmail('not-an-email')).toBe('n***********');
    expect(maskEmail('😀😀😀😀@example.com')).toBe('😀😀**@example.com');
  });

  it('name: keeps the first and last characters, counting Hangul and emoji as one', () => {
    expect(maskName('홍길동')).toBe('홍*동');
    expect(maskName('남궁민수')).toBe('남**수');
    expect(maskName('이정')).toBe('이*');
    expect(maskName('John Smith')).toBe('J*** ****h');
    expect(maskName('😀😀😀')).toBe('😀*😀');
  });

  it('keepFirst/keepLast: never gives a short value away whole', () => {
    expect(maskKeep('A1234567', 2, 2)).toBe('A1****67');
    expect(maskKeep('abcd', 2, 2)).toBe('****');
    expect(maskKeep('secret', 0, 0)).toBe('******');
    expect(maskKeep('😀bcd😀', 1, 1)).toBe('😀***😀');
  });

  it('compiles a config mask, none for undefined', () => {
    expect(compileMask(undefined)).toBeUndefined();
    expect(compileMask({ keepFirst: 1, keepLast: 0 })?.('abc')).toBe('a**');
  });
});
