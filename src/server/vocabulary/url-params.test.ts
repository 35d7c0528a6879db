import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import { fillUrl, urlPlaceholders } from './url-params.js';

describe('urlPlaceholders', () => {
  it('lists identifier placeholders in order, each once', () => {
    expect(urlPlaceholders('https://m.internal/v1/{memberId}/x?phone={callNum}&again={memberId}')).toEqual(['memberId', 'callNum']);
  });

  it('leaves braces that do not hold an identifier alone', () => {
    expect(urlPlaceholders('https://m.internal/{1a}/{a-b}/{}/{ x }?q={ok_1}')).toEqual(['ok_1']);
    expect(urlPlaceholders('https://m.internal/customers')).toEqual([]);
  });
});

describe('fillUrl', () => {
  it('percent-encodes every character that means something in a URL', () => {
    expect(fillUrl('http://h/c?phone={p}', { p: '홍 길동&x=1?y#z/%+' })).toBe('http://h/c?phone=%ED%99%8D%20%EA%B8%B8%EB%8F%99%26x%3D1%3Fy%23z%2F%25%2B');
  });

  it('fills a missing item, and a name Object.prototype has, with nothing', () => {
    expect(fillUrl('http://h/c?a={a}&b={b}&c={constructor}', { a: '1' })).toBe('http://h/c?a=1&b=&c=');
  });

  it('leaves the template outside placeholders as written', () => {
    expect(fillUrl('http://h/{1}/{ x }?k=v%20w', {})).toBe('http://h/{1}/{ x }?k=v%20w');
  });

  it('leaves "." and ".." as they are, which URL parsers resolve as path segments', () => {
    // The HTTP source refuses such values in a path placeholder (see sources/http.ts).
    expect(new URL(fillUrl('http://h/c/{v}/x', { v: '..' })).pathname).toBe('/x');
  });

  it('round-trips any value through the query string, and any but "." and ".." through the path', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }).filter((v) => v !== '.' && v !== '..'), (value) => {
      const url = new URL(fillUrl('http://h/c/{v}?phone={v}&next=1', { v: value }));
      expect(url.searchParams.get('phone')).toBe(value);
      expect(url.searchParams.get('next')).toBe('1');
      expect(decodeURIComponent(url.pathname.slice('/c/'.length))).toBe(value);
    }));
  });
});

describe('source.url in the config', () => {
  const config = (source: Record<string, unknown>) => ({
    auth: { keys: ['bf7769e5321448de88838cdb'] },
    lookup: { callNum: { required: true } },
    source: { type: 'http', ...source },
    result: { userName: 'name' },
  });
  const problems = (source: Record<string, unknown>): string => {
    try {
      parseConfig(config(source), { env: {} });
      return '';
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
  };

  it('accepts a GET url with a lookup item placeholder, and a POST url without one', () => {
    expect(problems({ url: 'https://m.internal/members?phone={callNum}' })).toBe('');
    expect(problems({ url: 'https://m.internal/members/search', method: 'POST' })).toBe('');
  });

  it('refuses a GET url without a placeholder', () => {
    expect(problems({ url: 'https://m.internal/members' })).toMatch(/source\.url: has no \{item\} placeholder.*\{callNum\}/);
  });

  it('refuses a placeholder that is not a lookup item, naming it', () => {
    expect(problems({ url: 'https://m.internal/members?phone={callNum}&n={nation}' })).toMatch(/source\.url: uses \{nation\}, which is not a lookup item \(lookup items: callNum\)/);
  });

  it('refuses a url that is not http(s)', () => {
    expect(problems({ url: 'ftp://m.internal/{callNum}' })).toMatch(/source\.url: must be an http:\/\/ or https:\/\/ URL/);
  });
});
