import { describe, expect, it } from 'vitest';
import { hasFinalConsonant, withParticle } from './korean.js';

describe('Korean particles', () => {
  it('follow the last syllable: 받침 takes 이/은, none takes 가/는', () => {
    expect(withParticle('타임아웃', '이', '가')).toBe('타임아웃이');
    expect(withParticle('암호화 키', '이', '가')).toBe('암호화 키가');
    expect(withParticle('API 이름', '은', '는')).toBe('API 이름은');
    expect(withParticle('서명 방식', '이', '가')).toBe('서명 방식이');
    expect(withParticle('데이터 길이', '은', '는')).toBe('데이터 길이는');
    expect(withParticle('결제정보', '을', '를')).toBe('결제정보를');
  });

  it('read Latin letters and digits as spoken, and write both forms when it cannot tell', () => {
    expect(withParticle('기본 URL', '이', '가')).toBe('기본 URL이');
    expect(withParticle('API', '이', '가')).toBe('API가');
    expect(withParticle('API 2', '이', '가')).toBe('API 2가');
    expect(withParticle('API 3', '이', '가')).toBe('API 3이');
    expect(withParticle('★', '은', '는')).toBe('★은(는)');
    expect(hasFinalConsonant('')).toBeUndefined();
  });
});
