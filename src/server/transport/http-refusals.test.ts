import { request as httpRequest } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { answer, configValue, KEY, makeDatabase, serverForSuite, startTestServer, type TestServer } from '../harness.test.helper.js';

const BODY = '{"callNum":"010-1234-5678"}';

describe('requests the endpoint refuses', () => {
  const server = serverForSuite((file) => configValue(file, { limits: { bodyBytes: 256 } }));

  const signed = (body: string, timestamp = Date.now()) => signRequest({ key: KEY, body, timestamp });

  it.each([
    ['a wrong key', { key: 'another-key-entirely-000' }, 'BAD_SIGNATURE'],
    ['a stale timestamp', { timestamp: Date.now() - 300_001 - 60_000 }, 'STALE'],
    ['a future timestamp', { timestamp: Date.now() + 400_000 }, 'FUTURE'],
  ])('answers 403 for %s', async (_, options, code) => {
    const a = await server().post(BODY, options);
    expect(a.status).toBe(403);
    expect(a.json.error?.code).toBe(code);
    expect(a.json.error?.message).not.toContain(KEY);
  });

  it.each([
    ['no timestamp', { 'x-tc-timestamp': '' }, 'MISSING_TIMESTAMP'],
    ['a timestamp that is not digits', { 'x-tc-timestamp': '1.7e12' }, 'BAD_TIMESTAMP'],
    ['no signature', { authorization: '' }, 'MISSING_SIGNATURE'],
    ['a malformed signature', { authorization: 'not-a-signature' }, 'BAD_SIGNATURE'],
  ])('answers 403 for %s', async (_, headers, code) => {
    const sig = signed(BODY);
    const all: Record<string, string> = { 'content-type': 'application/json', authorization: sig.authorization, 'x-tc-timestamp': sig.timestamp, ...headers };
    for (const [k, v] of Object.entries(all)) if (v === '') delete all[k];
    const a = await answer(await fetch(server().url, { method: 'POST', body: BODY, headers: all }));
    expect(a.status).toBe(403);
    expect(a.json.error?.code).toBe(code);
    expect(a.text).not.toContain(sig.authorization);
  });

  it.each([
    ['a missing required item', '{"nation":"korea"}', 'MISSING_ITEM', 'callNum'],
    ['an empty required item', '{"callNum":""}', 'MISSING_ITEM', 'callNum'],
    ['a value that is not a string', '{"callNum":1012345678}', 'ITEM_NOT_STRING', 'callNum'],
    ['a value that is too long', '{"callNum":"010123456789012345678"}', 'ITEM_TOO_LONG', 'callNum'],
    ['a value that is not allowed', '{"callNum":"010-1234-5678","nation":"mars"}', 'ITEM_NOT_ALLOWED', 'nation'],
    ['a value that does not match the pattern', `{"callNum":"' OR 1=1 --"}`, 'ITEM_PATTERN_MISMATCH', 'callNum'],
    ['invalid JSON', '{"callNum":', 'INVALID_JSON', 'JSON'],
    ['a body that is not an object', '["010-1234-5678"]', 'BODY_NOT_OBJECT', 'object'],
    ['a body that is JSON null', 'null', 'BODY_NOT_OBJECT', 'object'],
  ])('answers 400 naming the item for %s', async (_, body, code, named) => {
    const a = await server().post(body);
    expect(a.status).toBe(400);
    expect(a.json.error?.code).toBe(code);
    expect(a.json.error?.message).toContain(named);
  });

  // The guide names no Content-Type and the signature authenticates the body, so only a type
  // that cannot be UTF-8 JSON is refused.
  it.each([
    ['no Content-Type', undefined, 200],
    ['application/json', 'application/json', 200],
    ['JSON with a quoted UTF-8 charset', 'Application/JSON;charset="UTF-8"', 200],
    ['a +json type', 'application/vnd.custlink+json; charset=utf-8', 200],
    ['text/plain', 'text/plain', 200],
    ['text/plain in UTF-8', 'text/plain;charset=UTF-8', 200],
    ['JSON in EUC-KR', 'application/json; charset=euc-kr', 415],
    ['text/plain in ISO-8859-1', 'text/plain; charset=iso-8859-1', 415],
    ['a form', 'application/x-www-form-urlencoded', 415],
    ['multipart', 'multipart/form-data; boundary=x', 415],
    ['XML', 'application/xml', 415],
  ])('answers a signed body with %s (%s): %i', async (_, type, status) => {
    const sig = signed(BODY);
    const headers: Record<string, string> = { authorization: sig.authorization, 'x-tc-timestamp': sig.timestamp };
    if (type !== undefined) headers['content-type'] = type;
    // Bytes, not a string: fetch would add its own text/plain to a string body.
    const a = await answer(await fetch(server().url, { method: 'POST', body: new TextEncoder().encode(BODY), headers }));
    expect(a.status).toBe(status);
    if (status === 415) expect(a.json.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a stale request before reading its body', async () => {
    const sig = signed(BODY, Date.now() - 600_000);
    // The body never ends: an answer can only come from the header checks.
    const a = await rawPost(server(), [BODY.slice(0, 5)], { authorization: sig.authorization, 'x-tc-timestamp': sig.timestamp }, false);
    expect(a.status).toBe(403);
    expect(a.json.error?.code).toBe('STALE');
  });

  it('counts refusals in the metrics', async () => {
    await server().post(BODY, { key: 'another-key-entirely-000' });
    const text = await (await fetch(`${server().origin}/metrics`)).text();
    expect(text).toMatch(/custlink_requests_total\{status="403",code="BAD_SIGNATURE",api="default"\} \d+/);
    expect(text).toMatch(/custlink_verify_failures_total\{code="BAD_SIGNATURE",api="default"\} \d+/);
    expect(text).toMatch(/custlink_requests_total\{status="400",code="MISSING_ITEM",api="default"\} \d+/);
  });
});

describe('allowIps and trustProxy', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('lets a listed address through', async () => {
    const s = await startTestServer(configValue(db.file, { allowIps: ['10.0.0.0/8', '127.0.0.1/32'] }));
    try {
      expect((await s.post(BODY)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('takes the address from X-Forwarded-For only behind a trusted proxy', async () => {
    const value = configValue(db.file, { allowIps: ['203.0.113.0/24'] });
    const trusting = await startTestServer({ ...value, listen: { ...(value.listen as object), trustProxy: true } });
    const plain = await startTestServer(value);
    try {
      const xff = { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' };
      expect((await trusting.post(BODY, { headers: xff })).status).toBe(200);
      expect((await trusting.post(BODY, { headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' } })).status).toBe(403);
      expect((await plain.post(BODY, { headers: xff })).status).toBe(403);
    } finally {
      await trusting.close();
      await plain.close();
    }
  });
});

/** A POST written chunk by chunk (no Content-Length); `end: false` leaves the body unfinished. */
function rawPost(s: TestServer, chunks: string[], headers: Record<string, string>, end = true): Promise<{ status: number; json: { error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(s.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as { error?: { code: string } } });
      });
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    if (end) req.end();
  });
}
