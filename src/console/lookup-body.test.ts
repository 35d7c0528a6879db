import { describe, expect, it } from 'vitest';
import { compileLookup } from '../server/pipeline/lookup-items.js';
import { Refusal } from '../server/vocabulary/responses.js';
import { buildLookupBody, sampleValue } from './lookup-body.js';
import type { LookupItemSetting } from './types.js';

describe('buildLookupBody', () => {
  const item: LookupItemSetting = { name: 'memo', label: '메모', maxLength: 20, required: true, type: 'text', values: [], kind: 'general', defaultValue: '', channels: [] };
  const endpoint = compileLookup({ memo: { required: true, maxLength: 20 } });

  it('counts 데이터 길이 as the endpoint does, so the console never sends what custlink serve refuses', () => {
    for (const value of ['가'.repeat(20), '가'.repeat(21), '😀'.repeat(10), '😀'.repeat(11), 'a'.repeat(19) + '😀']) {
      const sent = buildLookupBody([item], { memo: value });
      const served = endpoint(new TextEncoder().encode(JSON.stringify({ memo: value })));
      expect(sent.ok, value).toBe(!(served instanceof Refusal));
    }
  });

  it('sends every configured item as a string, in order, and nothing else', () => {
    const nation: LookupItemSetting = { name: 'nation', label: '국가', maxLength: 10, required: false, type: 'select', values: ['korea'], kind: 'general', defaultValue: '', channels: [] };
    expect(buildLookupBody([item, nation], { nation: 'korea', memo: 12, extra: 'x' })).toEqual({
      ok: true,
      items: { memo: '12', nation: 'korea' },
      body: '{"memo":"12","nation":"korea"}',
    });
  });

  it('makes 연결 테스트 values the endpoint lets through to its lookup: within 데이터 길이 and pattern', () => {
    for (const [maxLength, pattern] of [[20, '^0[0-9]{8,10}$'], [20, '^[0-9+-]+$'], [13, '^010-[0-9]{4}-[0-9]{4}$'], [5, ''], [1, ''], [30, '^[a-z-]+$'], [8, '^[A-Z][0-9]+$']] as const) {
      const value = sampleValue({ ...item, maxLength, pattern });
      const served = compileLookup({ memo: { required: true, maxLength, ...(pattern === '' ? {} : { pattern }) } })(new TextEncoder().encode(JSON.stringify({ memo: value })));
      expect(served instanceof Refusal, `${pattern} ${maxLength}: ${value}`).toBe(false);
    }
    expect(sampleValue({ ...item, pattern: '^[a-z]{30}$' })).toBeUndefined();
  });
});
