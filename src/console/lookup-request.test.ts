import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../protocol/verify.js';
import { apiSettings, HONG, KEY } from './test-utils/endpoint.js';
import { useLookupConsole } from './test-utils/lookup.js';
import type { ApiError, ConnectionTestView } from './types.js';

const t = useLookupConsole();
const { lookupWith, recorder } = t;

describe('the request the console sends, and the ones it refuses to send', () => {
  it('sends exactly the configured 조회 항목 as strings, signed over those very bytes', async () => {
    const r = await recorder();
    await lookupWith({ ...apiSettings(r.url), scheme: 'uri+body+timestamp' }, { callNum: HONG.phone, nation: 'japan', email: 'not an item' });
    expect(r.requests).toHaveLength(1);
    const sent = r.requests[0]!;
    expect(sent.body.toString('utf8')).toBe('{"callNum":"010-1234-5678","nation":"japan"}');
    const verdict = verifyRequest({
      keys: KEY,
      body: sent.body,
      timestamp: sent.headers['x-tc-timestamp'] as string,
      authorization: sent.headers.authorization,
      uri: new URL(r.url).pathname,
      scheme: 'uri+body+timestamp',
    });
    expect(verdict.ok).toBe(true);

    // An optional item left empty still goes out, as an empty string.
    await t.c.call('POST', '/api/lookup', { api: 'api-1', values: { callNum: '01012345678' } });
    expect(r.requests[1]!.body.toString('utf8')).toBe('{"callNum":"01012345678","nation":""}');
  });

  it('sends no Authorization when 암호화 여부 is 아니오', async () => {
    const r = await recorder();
    await lookupWith({ ...apiSettings(r.url), signing: false }, { callNum: '1' });
    expect(r.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('refuses a value over 데이터 길이, a missing required item or a value not in the drop box, without calling', async () => {
    const r = await recorder();
    const settings = apiSettings(r.url);
    const long = await lookupWith(settings, { callNum: '0'.repeat(21) });
    expect(long.status).toBe(400);
    expect(long.json.error.issues).toEqual([expect.objectContaining({ path: 'values.callNum', ko: expect.stringContaining('데이터 길이 20자') })]);
    const missing = await t.c.call<ApiError>('POST', '/api/lookup', { api: 'api-1', values: { nation: 'korea' } });
    expect(missing.json.error.issues?.[0]?.path).toBe('values.callNum');
    const notListed = await t.c.call<ApiError>('POST', '/api/lookup', { api: 'api-1', values: { callNum: '1', nation: 'france' } });
    expect(notListed.json.error.issues?.[0]?.path).toBe('values.nation');
    expect(r.requests).toHaveLength(0);
    // Exactly 20 characters (Hangul counted as one each) is within the limit.
    await t.c.call('POST', '/api/lookup', { api: 'api-1', values: { callNum: '가'.repeat(20) } });
    expect(r.requests).toHaveLength(1);
  });

  it('연결 테스트 judges unsaved settings: a 400 not-found passes, a wrong key does not', async () => {
    await t.c.call('PUT', '/api/settings', { apis: [apiSettings('http://127.0.0.1:9/')] });
    const { key: _key, ...form } = apiSettings(t.endpoint.url);
    const good = await t.c.call<ConnectionTestView>('POST', '/api/test', { api: form });
    expect(good.json.status).toBe(400);
    expect(good.json.verdict.ok).toBe(true);
    expect(good.json.values).toEqual({ callNum: '01000000000', nation: 'korea' });
    expect(good.json.verdict).toMatchObject({ ok: true, level: 'ok', ko: expect.stringContaining('NOT_FOUND') });
    const bad = await t.c.call<ConnectionTestView>('POST', '/api/test', { api: { ...form, key: 'another-key-of-24-chars!' } });
    expect(bad.json.status).toBe(403);
    expect(bad.json.verdict).toMatchObject({ ok: false, ko: expect.stringContaining('403') });
    expect(t.c.log.join('\n')).not.toContain(KEY);
    expect(t.c.log.join('\n')).not.toContain(HONG.phone);
  });
});
