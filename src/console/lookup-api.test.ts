import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../protocol/key-fingerprint.js';
import { apiSettings, HONG, NOBODY_PHONE, XSS } from './test-utils/endpoint.js';
import { useLookupConsole } from './test-utils/lookup.js';

const t = useLookupConsole();
const { lookupWith, recorder } = t;

describe('console lookup against a real custlink endpoint', () => {
  it('shows a found customer as labelled 결과 항목 in configured order, with the extras apart', async () => {
    const { status, json } = await lookupWith(apiSettings(t.endpoint.url), { callNum: HONG.phone, nation: 'korea' });
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
    const { json } = await lookupWith(apiSettings(t.endpoint.url), { callNum: NOBODY_PHONE });
    expect(json.status).toBe(400);
    expect(json.message.ko).toBe('조회 결과가 없습니다.');
    expect(json.rows).toEqual([]);
    expect(json.error?.code).toBeTruthy();
  });

  it('shows 요청한 서버에 조회 권한이 없습니다. when the key is wrong (403)', async () => {
    const { json } = await lookupWith(apiSettings(t.endpoint.url, 'wrongwrongwrongwrongwron'), { callNum: HONG.phone });
    expect(json.status).toBe(403);
    expect(json.message.ko).toBe('요청한 서버에 조회 권한이 없습니다.');
  });

  it("on a 403, 상세 names the key by fingerprint, the scheme and the endpoint's code", async () => {
    const { json } = await lookupWith(apiSettings(t.endpoint.url, 'wrongwrongwrongwrongwron'), { callNum: HONG.phone });
    expect(json.apiName).toBe('회원정보');
    const hints = json.hints.map((h) => h.ko).join('\n');
    expect(hints).toContain(`키 지문은 ${keyFingerprint('wrongwrongwrongwrongwron')}`);
    expect(hints).toContain('custlink keygen --fingerprint');
    expect(hints).toContain('body+timestamp');
    expect(json.hints.every((h) => /[a-z]/.test(h.en))).toBe(true);
  });

  it("shows 요청한 서버에 에러가 있습니다. for a proxy's HTML 404, the body as a cause in 상세", async () => {
    const proxy = await recorder(404, '<html><body><h1>404 Not Found</h1>nginx</body></html>', 'text/html');
    const { json } = await lookupWith(apiSettings(proxy.url), { callNum: HONG.phone });
    expect(json).toMatchObject({ status: 404, ok: false, message: { ko: '요청한 서버에 에러가 있습니다.' } });
    expect(json.detail.cause).toContain('body is not JSON');
    expect(json.hints[0]?.ko).toContain('기본 URL의 경로');
    expect(json.hints[0]?.en).toContain('text/html');
  });

  it('shows 오류가 발생하였습니다. when the endpoint is down or answers outside the protocol', async () => {
    const down = await recorder();
    const url = down.url;
    await down.close();
    const refused = await lookupWith(apiSettings(url), { callNum: HONG.phone });
    expect(refused.json.status).toBe(0);
    expect(refused.json.message.ko).toBe('오류가 발생하였습니다.');
    expect(refused.json.detail.cause).toMatch(/refused/);
    expect(refused.json.hints[0]?.ko).toContain('연결이 거부되었습니다');

    const html = await recorder(200, '<html>login</html>');
    const odd = await lookupWith(apiSettings(html.url), { callNum: HONG.phone });
    expect(odd.json.status).toBe(200);
    expect(odd.json.ok).toBe(false);
    expect(odd.json.message.ko).toBe('오류가 발생하였습니다.');
  });

  it('keeps customer data as data: HTML in a value comes back as the same text', async () => {
    const { json } = await lookupWith(apiSettings(t.endpoint.url), { callNum: XSS.phone });
    expect(json.rows.find((row) => row.name === 'email')?.value).toBe(XSS.email);
  });

  it('cuts a large answer to 8 KB under 상세 but still shows every configured value', async () => {
    const big = 'x'.repeat(20_000);
    const r = await recorder(200, JSON.stringify({ data: { userName: '홍*동', id: 7, note: big } }));
    const { json } = await lookupWith(apiSettings(r.url), { callNum: '1' });
    expect(json.rows.slice(0, 2).map((row) => row.value)).toEqual(['홍*동', '7']);
    expect(json.extras).toEqual([{ name: 'note', value: big }]);
    expect(json.detail.response.body).toHaveLength(8 * 1024);
    expect(json.detail.response).toMatchObject({ truncated: true, bytes: Buffer.byteLength(JSON.stringify({ data: { userName: '홍*동', id: 7, note: big } })) });
  });
});
