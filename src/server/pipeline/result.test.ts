import { describe, expect, it } from 'vitest';
import { compileResult, compileValuesResult, toText } from './result.js';

describe('toText', () => {
  it('turns every column type into the protocol string', () => {
    expect(toText(null)).toBe('');
    expect(toText(undefined)).toBe('');
    expect(toText(12.5)).toBe('12.5');
    expect(toText(9007199254740993n)).toBe('9007199254740993');
    expect(toText(true)).toBe('true');
    expect(toText(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(toText(Buffer.from('hi'))).toBe('aGk=');
  });
});

describe('compileResult', () => {
  it('renders exactly the result items in order, masked, as valid JSON', () => {
    const render = compileResult({ userName: { column: 'name', mask: 'name' }, 'id': { column: 'member_id' }, note: { column: 'note' } });
    const body = render({ name: '홍길동', member_id: 7n, note: 'say "hi"\n', secret: 'x' });
    expect(JSON.parse(body)).toEqual({ data: { userName: '홍*동', id: '7', note: 'say "hi"\n' } });
  });

  it('gives a column the row lacks as "", never a prototype property', () => {
    expect(compileResult({ a: { column: 'constructor' } })({})).toBe('{"data":{"a":""}}');
  });
});

describe('compileValuesResult', () => {
  it('renders arrays in column order like compileResult renders rows', () => {
    const result = { userName: { column: 'name', mask: 'name' as const }, id: { column: 'member_id' }, gone: { column: 'nope' } };
    const render = compileValuesResult(result, ['member_id', 'name']);
    expect(render([9007199254740993n, '홍길동'])).toBe(compileResult(result)({ name: '홍길동', member_id: 9007199254740993n }));
    expect(JSON.parse(render([7, null]))).toEqual({ data: { userName: '', id: '7', gone: '' } });
  });
});
