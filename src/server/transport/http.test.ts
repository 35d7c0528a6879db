import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { configValue, KEY, makeDatabase, startTestServer, type TestServer } from '../harness.test.helper.js';

describe('a found customer', () => {
  const db = makeDatabase();
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(configValue(db.file));
  });
  afterAll(async () => {
    await s.close();
    db.cleanup();
  });

  it('answers 200 with exactly the result items, as masked strings', async () => {
    const a = await s.post('{"callNum":"010-1234-5678"}');
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(a.json).toEqual({ data: { userName: '홍*동', id: '1001', phone: '010-****-5678' } });
  });

  it('gives big integers every digit and NULL as an empty string', async () => {
    const a = await s.post('{"callNum":"010-0000-0000"}');
    expect(a.json).toEqual({ data: { userName: '', id: '9007199254740993', phone: '010-****-0000' } });
  });

  it('answers the first row when several match and unique is off', async () => {
    const a = await s.post('{"callNum":"010-2222-3333"}');
    expect(a.json.data?.id).toBe('1002');
  });

  it('binds an item the request leaves out as NULL and filters by one it sends', async () => {
    expect((await s.post('{"callNum":"010-0000-0000","nation":"japan"}')).status).toBe(200);
    const a = await s.post('{"callNum":"010-0000-0000","nation":"korea"}');
    expect(a.status).toBe(400);
    expect(a.json.error?.code).toBe('NOT_FOUND');
  });

  it('answers the protocol 400 when nobody matches', async () => {
    const a = await s.post('{"callNum":"010-9999-9999"}');
    expect(a.status).toBe(400);
    expect(a.text).toBe('{"error":{"code":"NOT_FOUND","message":"조회 결과가 없습니다.","detail":null}}');
  });

  it('passes only configured items, so body keys such as __proto__ change nothing', async () => {
    const a = await s.post('{"__proto__":{"callNum":"010-2222-3333"},"constructor":"x","callNum":"010-1234-5678","extra":"1"}');
    expect(a.json.data?.id).toBe('1001');
    const b = await s.post('{"__proto__":{"callNum":"010-1234-5678"}}');
    expect(b.json.error?.code).toBe('MISSING_ITEM');
    expect(({} as Record<string, unknown>).callNum).toBeUndefined();
  });

  it('verifies the uri+body+timestamp scheme over the path without the query string', async () => {
    const body = '{"callNum":"010-1234-5678"}';
    const signed = signRequest({ key: KEY, body, uri: '/lookup', scheme: 'uri+body+timestamp' });
    const response = await fetch(`${s.url}?ticket=42`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: signed.authorization, 'x-tc-timestamp': signed.timestamp },
    });
    expect(response.status).toBe(200);
  });

  it('sees a customer another process adds while it runs (that writer waits one snapshot window at most)', async () => {
    expect((await s.post('{"callNum":"010-7777-7777"}')).status).toBe(400);
    // Another process, as custlink import would be: a writer in this one would block the event loop.
    const script = `const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
      const db = new D(${JSON.stringify(db.file)}, { timeout: 5000 });
      db.prepare("INSERT INTO customers VALUES ('박새로', 2001, '010-7777-7777', 'korea', 'p@example.com')").run();
      db.close();`;
    await promisify(execFile)(process.execPath, ['-e', script]);
    expect((await s.post('{"callNum":"010-7777-7777"}')).json.data?.id).toBe('2001');
  });

  it('logs one line per request with id, status, latency and code, and no personal data', async () => {
    const before = s.lines.length;
    await s.post('{"callNum":"010-1234-5678"}');
    const lines = s.lines.slice(before);
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ status: 200, code: 'OK', msg: 'request' });
    expect(typeof record.reqId).toBe('string');
    expect(typeof record.ms).toBe('number');
    // Without the numbers every line carries (its time, pid, latency), which can hold '1001' by chance.
    const all = s.lines.map((line) => JSON.stringify({ ...(JSON.parse(line) as object), time: 0, pid: 0, ms: 0 })).join('\n');
    for (const secret of ['010-1234-5678', '01012345678', '홍길동', '홍*동', '1001', KEY]) expect(all).not.toContain(secret);
  });
});

describe('unique: true', () => {
  const db = makeDatabase();
  let s: TestServer;
  beforeAll(async () => {
    const value = configValue(db.file);
    s = await startTestServer({ ...value, source: { ...(value.source as object), unique: true } });
  });
  afterAll(async () => {
    await s.close();
    db.cleanup();
  });

  it('answers 400 when several customers match', async () => {
    const a = await s.post('{"callNum":"010-2222-3333"}');
    expect(a.status).toBe(400);
    expect(a.json.error?.code).toBe('NOT_UNIQUE');
  });

  it('still answers a single match', async () => {
    expect((await s.post('{"callNum":"010-1234-5678"}')).status).toBe(200);
  });
});

describe('auth.enabled: false', () => {
  const db = makeDatabase();
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(configValue(db.file, { auth: { enabled: false } }));
  });
  afterAll(async () => {
    await s.close();
    db.cleanup();
  });

  it('answers unsigned requests and warned at start', async () => {
    expect((await s.post('{"callNum":"010-1234-5678"}', { sign: false })).status).toBe(200);
    expect(s.records().some((r) => r.level === 40 && String(r.msg).includes('auth.enabled is false'))).toBe(true);
  });
});
