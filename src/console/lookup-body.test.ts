import { describe, expect, it } from 'vitest';
import { compileLookup } from '../server/pipeline/lookup-items.js';
import { Refusal } from '../server/pipeline/responses.js';
import { buildLookupBody } from './lookup-body.js';
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
});
