import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { parseConfig } from '../config/parse.js';
import { createEndpoint } from '../endpoint.js';
import { answer, captureLogger, configValue, KEY, makeDatabase, startTestServer, type TestServer } from '../harness.test.helper.js';
import { probeRedis, REDIS_URL, skipUnless } from '../sources/test-utils/services.js';
import { replayStoreFor } from './index.js';
import { apiView } from '../config/apis.js';

const BODY = '{"callNum":"010-1234-5678"}';

/** The same signed request sent as is: a replay, as an attacker who captured it would send it. */
async function sendSigned(s: TestServer, sig: { authorization: string; timestamp: string }) {
  return answer(
    await fetch(s.url, {
      method: 'POST',
      body: BODY,
      headers: { 'content-type': 'application/json', authorization: sig.authorization, 'x-tc-timestamp': sig.timestamp },
    }),
  );
}

describe('auth.replay: memory', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('answers a signed request once; the same bytes again get 403 REPLAYED, a fresh signature 200', async () => {
    const s = await startTestServer(configValue(db.file, { auth: { keys: [KEY], replay: { store: 'memory' } } }));
    try {
      const sig = signRequest({ key: KEY, body: BODY });
      expect((await sendSigned(s, sig)).status).toBe(200);
      const replayed = await sendSigned(s, sig);
      expect(replayed.status).toBe(403);
      expect(replayed.json.error?.code).toBe('REPLAYED');
      expect(replayed.text).not.toContain(sig.authorization);
      expect((await sendSigned(s, signRequest({ key: KEY, body: BODY, timestamp: Date.now() + 1 }))).status).toBe(200);
      const metrics = await (await fetch(`${s.origin}/metrics`)).text();
      expect(metrics).toMatch(/custlink_verify_failures_total\{code="REPLAYED",api="default"\} 1\b/);
    } finally {
      await s.close();
    }
  });

  it('does not let a forged signature occupy the store', async () => {
    const s = await startTestServer(configValue(db.file, { auth: { keys: [KEY], replay: { store: 'memory' } } }));
    try {
      const sig = signRequest({ key: KEY, body: BODY });
      const forged = { ...sig, timestamp: String(Number(sig.timestamp) + 1) };
      expect((await sendSigned(s, forged)).json.error?.code).toBe('BAD_SIGNATURE');
      expect((await sendSigned(s, sig)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('is a config error without signed requests, or with a url for the memory store', () => {
    const env = { env: {} };
    expect(() => parseConfig(configValue(db.file, { auth: { enabled: false, replay: { store: 'memory' } } }), env)).toThrow(/auth\.replay: needs signed requests/);
    expect(() => parseConfig(configValue(db.file, { auth: { keys: [KEY], replay: { store: 'redis' } } }), env)).toThrow(/auth\.replay\.url: is required/);
  });
});

const skipRedis = await skipUnless('Redis', REDIS_URL, probeRedis);

describe.skipIf(skipRedis)('auth.replay: redis', () => {
  const db = makeDatabase();
  const admin = new Redis(REDIS_URL);
  afterAll(async () => {
    await admin.quit();
    db.cleanup();
  });
  const shared = (limits: Record<string, unknown> = {}) =>
    configValue(db.file, { auth: { keys: [KEY], replay: { store: 'redis', url: REDIS_URL } }, limits });

  it('refuses a request replayed to another instance sharing the store, and lets its key expire with the window', async () => {
    const [a, b] = [await startTestServer(shared()), await startTestServer(shared())];
    try {
      const sig = signRequest({ key: KEY, body: BODY });
      expect((await sendSigned(a, sig)).status).toBe(200);
      const replayed = await sendSigned(b, sig);
      expect([replayed.status, replayed.json.error?.code]).toEqual([403, 'REPLAYED']);
      const ttl = await admin.pttl(`custlink:replay:${sig.authorization}`);
      expect(ttl).toBeGreaterThan(290_000);
      expect(ttl).toBeLessThanOrEqual(300_000);
      expect((await answer(await fetch(`${b.origin}/readyz`))).status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('fails closed: a store that does not answer in time gets 500 REPLAY_STORE_ERROR, never a lookup', async () => {
    const s = await startTestServer(shared({ sourceTimeoutMs: 100 }));
    try {
      // Redis holds every write for 400 ms: the claim's SET cannot answer within 100 ms.
      await admin.call('CLIENT', 'PAUSE', '400', 'WRITE');
      const a = await sendSigned(s, signRequest({ key: KEY, body: BODY }));
      expect([a.status, a.json.error?.code]).toEqual([500, 'REPLAY_STORE_ERROR']);
      expect(a.json.error?.message).toBe('오류가 발생하였습니다.');
      await new Promise((r) => setTimeout(r, 400));
      expect((await sendSigned(s, signRequest({ key: KEY, body: BODY }))).status).toBe(200);
    } finally {
      await admin.call('CLIENT', 'UNPAUSE');
      await s.close();
    }
  });

  it('a reload keeps the store while it names the same Redis, and opens another for another one', async () => {
    const config = (url: string | undefined) => {
      const parsed = parseConfig(configValue(db.file, { auth: { keys: [KEY], replay: url === undefined ? { store: 'memory' } : { store: 'redis', url } } }), { env: {} });
      return apiView(parsed, parsed.apis[0]!);
    };
    const memory = await replayStoreFor(config(undefined), undefined);
    expect(await replayStoreFor(config(undefined), memory)).toBe(memory);
    const redis = await replayStoreFor(config(REDIS_URL), memory);
    expect(redis).not.toBe(memory);
    expect(await replayStoreFor(config(REDIS_URL), redis)).toBe(redis);
    const other = await replayStoreFor(config(`${REDIS_URL}/1`), redis);
    expect(other).not.toBe(redis);
    await Promise.all([memory?.close(), redis?.close(), other?.close()]);
  });

  it('refuses to start when Redis cannot be reached, naming auth.replay.url without the password', async () => {
    const config = parseConfig(configValue(db.file, { auth: { keys: [KEY], replay: { store: 'redis', url: 'redis://:s3cret@127.0.0.1:1' } } }), { env: {} });
    const error = await createEndpoint(config, { logger: captureLogger().logger }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('auth.replay.url: cannot reach Redis at redis://:***@127.0.0.1:1');
    expect(error?.message).not.toContain('s3cret');
  });
});
