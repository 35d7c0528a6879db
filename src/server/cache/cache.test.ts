import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onlyApi } from '../config/apis.js';
import { parseConfig } from '../config/parse.js';
import { createEndpoint, type Endpoint } from '../endpoint.js';
import { captureLogger, configValue, signedRequest } from '../harness.test.helper.js';
import { functionSource } from '../sources/function.js';
import { eventually, probeRedis, REDIS_URL, skipUnless } from '../sources/test-utils/services.js';
import { hash } from 'node:crypto';
import { cacheNamespace } from './index.js';
import { createCacheSeal } from './sealed.js';

const HONG = '{"callNum":"010-1234-5678"}';
const UNKNOWN = '{"callNum":"010-9999-9999"}';
/** A cache.key for the Redis store (what `${file:cache.key}` would read). */
const CACHE_KEY = 'test-cache-key-0123456789abcdef';

function cacheConfig(cache: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return parseConfig(
    configValue('', {
      // A path of its own per test: the Redis namespace hashes it, so concurrent runs never share keys.
      listen: { host: '127.0.0.1', port: 0, path: `/lookup-${Math.random().toString(36).slice(2)}` },
      lookup: { callNum: { required: true, normalize: 'digits' } },
      source: { type: 'function' },
      result: { userName: 'name' },
      cache,
      ...overrides,
    }),
    { env: {} },
  );
}

/** An endpoint on a lookup function that counts its calls: only 010-1234-5678 is a customer. */
async function countingEndpoint(cache: Record<string, unknown>, fail = false) {
  const capture = captureLogger();
  const calls: string[] = [];
  const config = cacheConfig(cache.store === 'redis' ? { key: CACHE_KEY, ...cache } : cache);
  const source = functionSource((params) => {
    calls.push(params.callNum!);
    if (fail) throw new Error('the database is down');
    return params.callNum === '01012345678' ? { name: '홍길동' } : null;
  });
  const endpoint = await createEndpoint(config, { logger: capture.logger, source });
  const ask = async (body: string) => {
    const response = await endpoint.handle(signedRequest(body, {}, config.apis[0]!.path));
    return { status: response.status, body: response.body };
  };
  return { endpoint, config, calls, ask, ...capture };
}

/**
 * An endpoint with TWO lookup items (callNum, memberId) on a source where one phone has two
 * members: a cache keyed by the first item only would answer the second member with the first.
 */
async function twoItemEndpoint(cache: Record<string, unknown>) {
  const capture = captureLogger();
  const calls: string[] = [];
  const config = cacheConfig(cache.store === 'redis' ? { key: CACHE_KEY, ...cache } : cache, {
    lookup: { callNum: { required: true, normalize: 'digits' }, memberId: { required: true } },
  });
  const names: Record<string, string> = { '01012345678/m1': '홍길동', '01012345678/m2': '김철수' };
  const source = functionSource((params) => {
    const id = `${params.callNum}/${params.memberId}`;
    calls.push(id);
    return Object.hasOwn(names, id) ? { name: names[id] } : null;
  });
  const endpoint = await createEndpoint(config, { logger: capture.logger, source });
  const ask = async (memberId: string) => {
    const response = await endpoint.handle(signedRequest(JSON.stringify({ callNum: '010-1234-5678', memberId }), {}, config.apis[0]!.path));
    return response.body;
  };
  return { endpoint, config, calls, ask, ...capture };
}

/** Two members of one phone, asked twice each: the second round from the cache, each its own customer. */
async function expectBothMembers(e: Awaited<ReturnType<typeof twoItemEndpoint>>, settled: () => Promise<unknown> = async () => {}) {
  expect(await e.ask('m1')).toBe('{"data":{"userName":"홍길동"}}');
  await settled();
  expect(await e.ask('m2')).toBe('{"data":{"userName":"김철수"}}');
  await settled();
  expect(await e.ask('m1')).toBe('{"data":{"userName":"홍길동"}}');
  expect(await e.ask('m2')).toBe('{"data":{"userName":"김철수"}}');
  expect(e.calls).toEqual(['01012345678/m1', '01012345678/m2']);
}

async function metric(endpoint: Endpoint, name: string): Promise<number> {
  const text = await endpoint.registry.metrics();
  return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
}

const FOUND = { status: 200, body: '{"data":{"userName":"홍길동"}}' };

describe('cache: memory', () => {
  it('answers a repeated lookup within the TTL without the source, the same normalized value alike, and asks again after it', async () => {
    const e = await countingEndpoint({ store: 'memory', ttlMs: 300 });
    try {
      expect(await e.ask(HONG)).toEqual(FOUND);
      expect(await e.ask(HONG)).toEqual(FOUND);
      // Normalized (digits) to the same lookup value: the same entry.
      expect(await e.ask('{"callNum":"010 1234 5678"}')).toEqual(FOUND);
      expect(e.calls).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 350));
      expect(await e.ask(HONG)).toEqual(FOUND);
      expect(e.calls).toHaveLength(2);
      expect(await metric(e.endpoint, 'custlink_cache_hits_total')).toBe(2);
      expect(await metric(e.endpoint, 'custlink_cache_misses_total')).toBe(2);
    } finally {
      await e.endpoint.close();
    }
  });

  it('keys by every lookup item: two members of one phone (the first item alike) are two entries', async () => {
    const e = await twoItemEndpoint({ store: 'memory', ttlMs: 60_000 });
    try {
      await expectBothMembers(e);
    } finally {
      await e.endpoint.close();
    }
  });

  it('keeps NOT_FOUND only with cacheMisses, and never a failure', async () => {
    const plain = await countingEndpoint({ store: 'memory', ttlMs: 60_000 });
    const misses = await countingEndpoint({ store: 'memory', ttlMs: 60_000, cacheMisses: true });
    const failing = await countingEndpoint({ store: 'memory', ttlMs: 60_000, cacheMisses: true }, true);
    try {
      for (const e of [plain, misses]) {
        for (let i = 0; i < 2; i++) expect(JSON.parse((await e.ask(UNKNOWN)).body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
      }
      expect(plain.calls).toHaveLength(2);
      expect(misses.calls).toHaveLength(1);
      for (let i = 0; i < 2; i++) expect((await failing.ask(HONG)).status).toBe(500);
      expect(failing.calls).toHaveLength(2);
    } finally {
      await Promise.all([plain, misses, failing].map((e) => e.endpoint.close()));
    }
  });

  it('keeps at most maxEntries, evicting the least recently used, and counts the evictions', async () => {
    const e = await countingEndpoint({ store: 'memory', ttlMs: 60_000, maxEntries: 2, cacheMisses: true });
    try {
      for (const n of ['1', '2', '1', '3', '1', '2']) await e.ask(`{"callNum":"010-0000-000${n}"}`);
      // 3 evicts 2 (1 was used after it); 2 then evicts 3; 1 stays.
      expect(e.calls).toEqual(['01000000001', '01000000002', '01000000003', '01000000002']);
      expect(await metric(e.endpoint, 'custlink_cache_evictions_total')).toBe(2);
    } finally {
      await e.endpoint.close();
    }
  });

  it('is not in /metrics, nor in the way, without the cache key', async () => {
    const capture = captureLogger();
    const config = parseConfig(configValue('', { source: { type: 'function' }, result: { userName: 'name' } }), { env: {} });
    const endpoint = await createEndpoint(config, { logger: capture.logger, source: functionSource(() => ({ name: 'a' })) });
    try {
      expect(config.cache).toBeUndefined();
      expect(await endpoint.registry.metrics()).not.toContain('custlink_cache_');
    } finally {
      await endpoint.close();
    }
  });
});

describe('the cache key of the config', () => {
  it('fills the defaults, and asks for a URL with redis and none with memory', () => {
    expect(cacheConfig({}).cache).toEqual({ store: 'memory', ttlMs: 5_000, maxEntries: 10_000, cacheMisses: false });
    expect(() => cacheConfig({ store: 'redis' })).toThrow(/cache\.url: is required with store: redis/);
    expect(() => cacheConfig({ store: 'memory', url: REDIS_URL })).toThrow(/cache\.url: is only for store: redis/);
    expect(() => cacheConfig({ ttlMs: 0 })).toThrow(/cache\.ttlMs/);
  });

  it('asks for cache.key with redis (not with memory), and takes it from ${ENV} or ${file:...}', () => {
    expect(() => cacheConfig({ store: 'redis', url: REDIS_URL })).toThrow(/cache\.key: is required with store: redis/);
    expect(cacheConfig({ store: 'memory' }).cache!.key).toBeUndefined();
    expect(() => cacheConfig({ store: 'redis', url: REDIS_URL, key: 'short' })).toThrow(/cache\.key: must be at least 16 characters/);
    const fromEnv = parseConfig(
      configValue('', { source: { type: 'function' }, result: { userName: 'name' }, cache: { store: 'redis', url: REDIS_URL, key: '${CUSTLINK_CACHE_KEY}' } }),
      { env: { CUSTLINK_CACHE_KEY: CACHE_KEY } },
    );
    expect(fromEnv.cache!.key).toBe(CACHE_KEY);
    const dir = mkdtempSync(join(tmpdir(), 'custlink-cache-key-'));
    try {
      writeFileSync(join(dir, 'cache.key'), `${CACHE_KEY}\n`, { mode: 0o600 });
      const fromFile = parseConfig(
        configValue('', { source: { type: 'function' }, result: { userName: 'name' }, cache: { store: 'redis', url: REDIS_URL, key: '${file:cache.key}' } }),
        { env: {}, file: join(dir, 'custlink.yaml') },
      );
      expect(fromFile.cache!.key).toBe(CACHE_KEY);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cacheNamespace', () => {
  it('changes with what shapes an answer (result, source, lookup, cacheMisses), not with the TTL', () => {
    const base = onlyApi(cacheConfig({ store: 'memory', ttlMs: 1_000 }));
    const same = { ...base, cache: { ...base.cache!, ttlMs: 9_000, maxEntries: 5 } };
    expect(cacheNamespace(same)).toBe(cacheNamespace(base));
    expect(cacheNamespace({ ...base, result: { userName: { column: 'name', mask: 'name' } } })).not.toBe(cacheNamespace(base));
    expect(cacheNamespace({ ...base, source: { type: 'function', unique: true } })).not.toBe(cacheNamespace(base));
    expect(cacheNamespace({ ...base, cache: { ...base.cache!, cacheMisses: true } })).not.toBe(cacheNamespace(base));
  });
});

describe('createCacheSeal', () => {
  const seal = createCacheSeal(CACHE_KEY, 'ns:', captureLogger().logger);

  it('keys the same values on two APIs, or under another cache.key, apart, and never as their plain hash', () => {
    const key = seal.keyOf('a', ['01012345678']);
    expect(key).toMatch(/^ns:[0-9a-f]{64}$/);
    expect(seal.keyOf('b', ['01012345678'])).not.toBe(key);
    expect(createCacheSeal(`${CACHE_KEY}-next`, 'ns:', captureLogger().logger).keyOf('a', ['01012345678'])).not.toBe(key);
    // Unambiguous: moving a character from one item to the next is another key.
    expect(seal.keyOf('a', ['ab', 'c'])).not.toBe(seal.keyOf('a', ['a', 'bc']));
    expect(key).not.toBe('ns:' + hash('sha256', JSON.stringify(['01012345678']), 'hex'));
  });

  it('stores ciphertext that opens only under its own API, key and cache.key; anything else is a miss, logged without values', async () => {
    const capture = captureLogger();
    const held = new Map<string, string>();
    const plain = { get: (k: string) => held.get(k), set: (k: string, v: string) => void held.set(k, v), close: async () => {} };
    const own = createCacheSeal(CACHE_KEY, 'ns:', capture.logger);
    const store = own.wrap(plain, 'a');
    const [hong, other] = [own.keyOf('a', ['01012345678']), own.keyOf('a', ['01099999999'])];
    store.set(hong, '{"data":{"userName":"홍길동"}}');
    store.set(other, '{"data":{"userName":"홍길동"}}');
    expect(store.get(hong)).toBe('{"data":{"userName":"홍길동"}}');
    // A fresh nonce per write: the same answer is two different ciphertexts.
    expect(held.get(hong)).not.toBe(held.get(other));
    expect(held.get(hong)).not.toContain('홍길동');
    expect(Buffer.from(held.get(hong)!, 'base64').toString('utf8')).not.toContain('홍길동');
    // Swapped to another key, read through another API, under a rotated cache.key, tampered, garbage.
    held.set(other, held.get(hong)!);
    expect(store.get(other)).toBeUndefined();
    expect(own.wrap(plain, 'b').get(hong)).toBeUndefined();
    expect(createCacheSeal(`${CACHE_KEY}-next`, 'ns:', capture.logger).wrap(plain, 'a').get(hong)).toBeUndefined();
    const bytes = Buffer.from(held.get(hong)!, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    held.set(hong, bytes.toString('base64'));
    expect(store.get(hong)).toBeUndefined();
    held.set(hong, 'not base64 at all');
    expect(store.get(hong)).toBeUndefined();
    const warnings = capture.records().filter((r) => String(r.msg).startsWith('cache entry (Redis) does not open'));
    expect(warnings).toHaveLength(5);
    expect(JSON.stringify(capture.records())).not.toMatch(/01012345678|01099999999|홍길동|ns:/);
  });
});

const skipRedis = await skipUnless('Redis', REDIS_URL, probeRedis);

describe.skipIf(skipRedis)('cache: redis', () => {
  const redis = new Redis(REDIS_URL);
  afterAll(() => redis.quit());

  it('is shared: a second endpoint (another instance) answers from it; keys are hashes that expire with the TTL', async () => {
    const a = await countingEndpoint({ store: 'redis', url: REDIS_URL, ttlMs: 60_000, cacheMisses: true });
    const prefix = cacheNamespace(onlyApi(a.config));
    let b: Endpoint | undefined;
    try {
      expect(await a.ask(HONG)).toEqual(FOUND);
      expect(await a.ask(UNKNOWN)).toMatchObject({ status: 400 });
      // The write is fire-and-forget: wait for it, then ask through another endpoint.
      expect(await eventually(async () => (await redis.keys(`${prefix}*`)).length === 2, 5_000)).toBe(true);
      b = await createEndpoint(a.config, { logger: a.logger, source: functionSource(() => ({ name: 'not from the cache' })) });
      const fromCache = await b.handle(signedRequest(HONG, {}, a.config.apis[0]!.path));
      expect(fromCache.body).toBe(FOUND.body);
      expect(JSON.parse((await b.handle(signedRequest(UNKNOWN, {}, a.config.apis[0]!.path))).body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect(a.calls).toHaveLength(2);

      const keys = await redis.keys(`${prefix}*`);
      for (const key of keys) {
        expect(key).toMatch(/^custlink:cache:[0-9a-f]{16}:[0-9a-f]{64}$/);
        // The normalized values themselves, never a fragment a random hash may happen to hold.
        expect(key).not.toMatch(/01012345678|01099999999/);
        const ttl = await redis.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(60_000);
      }
      await redis.del(...keys);
    } finally {
      await Promise.all([a.endpoint.close(), b?.close()]);
    }
  });

  it('holds no phone number or name in clear: keys are HMACs (not the old sha256 of the values), values ciphertext', async () => {
    const a = await countingEndpoint({ store: 'redis', url: REDIS_URL, ttlMs: 60_000, cacheMisses: true });
    const prefix = cacheNamespace(onlyApi(a.config));
    try {
      expect(await a.ask(HONG)).toEqual(FOUND);
      expect(await a.ask(UNKNOWN)).toMatchObject({ status: 400 });
      expect(await eventually(async () => (await redis.keys(`${prefix}*`)).length === 2, 5_000)).toBe(true);
      // Answered from Redis, so what Redis holds is what the lookups read.
      expect(await a.ask(HONG)).toEqual(FOUND);
      expect(a.calls).toHaveLength(2);
      const keys = await redis.keys(`${prefix}*`);
      const values = await Promise.all(keys.map((k) => redis.get(k)));
      const held = [...keys, ...values.map(String), ...values.map((v) => Buffer.from(String(v), 'base64').toString('latin1'))].join('\n');
      for (const clear of ['010-1234-5678', '01012345678', '01099999999', '홍길동', Buffer.from('홍길동').toString('latin1'), 'userName', 'NOT_FOUND']) {
        expect(held).not.toContain(clear);
      }
      // What the cache keyed by before: brute force over the 010 range found the phone back.
      for (const phone of ['01012345678', '01099999999']) expect(keys).not.toContain(prefix + hash('sha256', JSON.stringify([phone]), 'hex'));
      await redis.del(...keys);
    } finally {
      await a.endpoint.close();
    }
  });

  it('answers a tampered or swapped entry from the source, logging it at warn without values', async () => {
    const a = await countingEndpoint({ store: 'redis', url: REDIS_URL, ttlMs: 60_000, cacheMisses: true });
    const prefix = cacheNamespace(onlyApi(a.config));
    try {
      await a.ask(HONG);
      await a.ask(UNKNOWN);
      expect(await eventually(async () => (await redis.keys(`${prefix}*`)).length === 2, 5_000)).toBe(true);
      // Whichever key is HONG's, copying one value over the other makes one of them open under the wrong key.
      const [k1, k2] = await redis.keys(`${prefix}*`);
      await redis.set(k2!, (await redis.get(k1!))!, 'PX', 60_000);
      await redis.set(k1!, 'AAAA' + (await redis.get(k1!))!.slice(4), 'PX', 60_000);
      expect(await a.ask(HONG)).toEqual(FOUND);
      expect(JSON.parse((await a.ask(UNKNOWN)).body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect(a.calls).toHaveLength(4);
      const warnings = a.records().filter((r) => String(r.msg).startsWith('cache entry (Redis) does not open'));
      expect(warnings).toHaveLength(2);
      expect(warnings.every((r) => r.level === 40)).toBe(true);
      expect(a.lines.join('\n')).not.toMatch(/01012345678|01099999999|홍길동|custlink:cache:/);
      await redis.del(...(await redis.keys(`${prefix}*`)));
    } finally {
      await a.endpoint.close();
    }
  });

  it('keys by every lookup item: two members of one phone (the first item alike) are two entries', async () => {
    const e = await twoItemEndpoint({ store: 'redis', url: REDIS_URL, ttlMs: 60_000 });
    const prefix = cacheNamespace(onlyApi(e.config));
    let kept = 0;
    // The write is fire-and-forget: wait for each before the next lookup, or it would miss anyway.
    const settled = async () => expect(await eventually(async () => (await redis.keys(`${prefix}*`)).length === kept + 1, 5_000).then((ok) => (kept++, ok))).toBe(true);
    try {
      await expectBothMembers(e, settled);
      await redis.del(...(await redis.keys(`${prefix}*`)));
    } finally {
      await e.endpoint.close();
    }
  });

  it('falls back to the source when Redis is unreachable, logging it once', async () => {
    const port = await freePort();
    const e = await countingEndpoint({ store: 'redis', url: `redis://127.0.0.1:${port}`, ttlMs: 60_000 });
    try {
      for (let i = 0; i < 4; i++) expect(await e.ask(HONG)).toEqual(FOUND);
      expect(e.calls).toHaveLength(4);
      expect(e.records().filter((r) => String(r.msg).startsWith('cache store (Redis) failed'))).toHaveLength(1);
      expect(await metric(e.endpoint, 'custlink_cache_errors_total')).toBeGreaterThanOrEqual(4);
    } finally {
      await e.endpoint.close();
    }
  });

  it('goes back to the cache once a Redis that went down answers again, logging both once', async () => {
    const port = await freePort();
    let server = await startRedis(port);
    const e = await countingEndpoint({ store: 'redis', url: `redis://127.0.0.1:${port}`, ttlMs: 60_000 });
    try {
      // The first lookups may come before the connection is up: misses, until one is kept.
      expect(await eventually(async () => (await e.ask(HONG), (await hits(e.endpoint)) > 0), 5_000)).toBe(true);
      await stopRedis(server);
      const before = e.calls.length;
      for (let i = 0; i < 3; i++) expect(await e.ask(HONG)).toEqual(FOUND);
      expect(e.calls.length).toBe(before + 3);
      server = await startRedis(port);
      // ioredis reconnects in the background; then the answer is cached again.
      const hitsWhileDown = await hits(e.endpoint);
      expect(await eventually(async () => (await e.ask(HONG), (await hits(e.endpoint)) > hitsWhileDown), 10_000)).toBe(true);
      expect(e.records().filter((r) => r.msg === 'cache store (Redis) answers again')).toHaveLength(1);
      expect(e.records().filter((r) => String(r.msg).startsWith('cache store (Redis) failed'))).toHaveLength(1);
    } finally {
      await e.endpoint.close();
      await stopRedis(server);
    }
  });
});

async function hits(endpoint: Endpoint): Promise<number> {
  return metric(endpoint, 'custlink_cache_hits_total');
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** A private Redis on `port`, for stopping and starting under a running endpoint. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  expect(await eventually(() => probeRedis(`redis://127.0.0.1:${port}`).then(() => true, () => false), 5_000)).toBe(true);
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
}
