import { describe, expect, it } from 'vitest';
import { consoleSettings, HONG, NOBODY_PHONE, XSS } from './test-utils/endpoint.js';
import { useLookupConsole } from './test-utils/lookup.js';

const t = useLookupConsole();
const { lookupWith, recorder } = t;

describe('console lookup against a real custlink endpoint', () => {
  it('shows a found customer as labelled 결과 항목 in configured order, with the extras apart', async () => {
    const { status, json } = await lookupWith(consoleSettings(t.endpoint.url), { callNum: HONG.phone, nation: 'korea' });
    expect(status).toBe(200);
    expect(json.status).toBe(200);
    expect(json.message).toEqual({ ko: '조회 성공', en: 'Lookup succeeded' });
    expect(json.rows).toEqual([
      { name: 'userName', label: '고객명', value: HONG.masked, missing: false },
      { name: 'id', label: '회원 ID', value: String(HONG.memberId), missing: false },
      { name: 'email', label: '이메일', value: HONG.email, missing: false },
      { name: 'grade', label: '등급', value: '', missing: true },
    ]);
    expect(json.extras.map((x) => x.name)).toEqual(['phone']);
    expect(json.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(json.detail.request.body).toBe(JSON.stringify({ callNum: HONG.phone, nation: 'korea' }));
    expect(json.detail.request.headers.authorization).toMatch(/^.{4}…\(44 chars\)$/);
    expect(JSON.parse(json.detail.response.body).data.userName).toBe(HONG.masked);
  });

  it('shows 조회 결과가 없습니다. for a customer that does not exist (400)', async () => {
    const { json } = await lookupWith(consoleSettings(t.endpoint.url), { callNum: NOBODY_PHONE });
    expect(json.status).toBe(400);
    expect(json.message.ko).toBe('조회 결과가 없습니다.');
    expect(json.rows).toEqual([]);
    expect(json.error?.code).toBeTruthy();
  });

  it('shows 요청한 서버에 조회 권한이 없습니다. when the key is wrong (403)', async () => {
    const { json } = await lookupWith(consoleSettings(t.endpoint.url, 'wrongwrongwrongwrongwron'), { callNum: HONG.phone });
    expect(json.status).toBe(403);
    expect(json.message.ko).toBe('요청한 서버에 조회 권한이 없습니다.');
  });

  it('shows 오류가 발생하였습니다. when the endpoint is down or answers outside the protocol', async () => {
    const down = await recorder();
    const url = down.url;
    await down.close();
    const refused = await lookupWith(consoleSettings(url), { callNum: HONG.phone });
    expect(refused.json.status).toBe(0);
    expect(refused.json.message.ko).toBe('오류가 발생하였습니다.');
    expect(refused.json.detail.cause).toMatch(/refused/);

    const html = await recorder(200, '<html>login</html>');
    const odd = await lookupWith(consoleSettings(html.url), { callNum: HONG.phone });
    expect(odd.json.status).toBe(200);
    expect(odd.json.ok).toBe(false);
    expect(odd.json.message.ko).toBe('오류가 발생하였습니다.');
  });

  it('keeps customer data as data: HTML in a value comes back as the same text', async () => {
    const { json } = await lookupWith(consoleSettings(t.endpoint.url), { callNum: XSS.phone });
    expect(json.rows.find((row) => row.name === 'email')?.value).toBe(XSS.email);
  });

  it('cuts a large answer to 8 KB under 상세 but still shows every configured value', async () => {
    const big = 'x'.repeat(20_000);
    const r = await recorder(200, JSON.stringify({ data: { userName: '홍*동', id: 7, note: big } }));
    const { json } = await lookupWith(consoleSettings(r.url), { callNum: '1' });
    expect(json.rows.slice(0, 2).map((row) => row.value)).toEqual(['홍*동', '7']);
    expect(json.extras).toEqual([{ name: 'note', value: big }]);
    expect(json.detail.response.body).toHaveLength(8 * 1024);
    expect(json.detail.response).toMatchObject({ truncated: true, bytes: Buffer.byteLength(JSON.stringify({ data: { userName: '홍*동', id: 7, note: big } })) });
  });
});
