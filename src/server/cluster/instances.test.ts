import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { configValue, makeDatabase } from '../harness.test.helper.js';
import { probeRedis, REDIS_URL as REDIS, skipUnless } from '../sources/test-utils/services.js';
import { BODY, send, serveChild, statuses, waitForStderr, writeConfig } from './serve-child.test.helper.js';

const skip = await skipUnless('Redis', REDIS, probeRedis);

describe.skipIf(skip)('two custlink serve instances sharing one Redis (several machines)', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());
  // Keys of this run only: other test runs share the Redis, and a signature is the replay store's key.
  const key = randomBytes(12).toString('hex');
  const rotated = randomBytes(12).toString('hex');
  const replay = { store: 'redis', url: `${REDIS}/${1 + Math.floor(Math.random() * 15)}` };

  it('refuses on one instance a request the other answered, and keeps answering across a key rotation on both', async () => {
    const file = writeConfig(join(db.dir, 'instances.yaml'), configValue(db.file, { auth: { keys: [key], replay } }));
    const [a, b] = await Promise.all([serveChild(file), serveChild(file)]);
    try {
      expect(a.url).not.toBe(b.url);
      const sig = signRequest({ key, body: BODY });
      expect((await send(a.url, { sig })).status).toBe(200);
      const replayed = await send(b.url, { sig });
      expect(replayed.status).toBe(403);
      expect(JSON.parse(replayed.body)).toMatchObject({ error: { code: 'REPLAYED' } });

      // 키 변경: both keys while the helpdesk switches, on both instances.
      writeConfig(file, configValue(db.file, { auth: { keys: [key, rotated], replay } }));
      for (const s of [a, b]) process.kill(s.pid, 'SIGHUP');
      for (const s of [a, b]) await waitForStderr(s, /custlink serve: reloaded/);
      for (const s of [a, b]) expect(await statuses(s.url, rotated, 3)).toEqual([200, 200, 200]);
      for (const s of [a, b]) expect(await statuses(s.url, key, 3)).toEqual([200, 200, 200]);

      const after = signRequest({ key: rotated, body: BODY });
      expect((await send(b.url, { sig: after })).status).toBe(200);
      expect((await send(a.url, { sig: after })).status).toBe(403);
    } finally {
      expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    }
  });

  it('--workers 2 with the Redis store: a request replayed to the other worker is refused', async () => {
    const file = writeConfig(join(db.dir, 'workers-redis.yaml'), configValue(db.file, { auth: { keys: [key], replay } }));
    const child = await serveChild(file, ['--workers', '2']);
    try {
      const sig = signRequest({ key, body: BODY, timestamp: Date.now() + 5 });
      // Each connection goes to the next worker, so the second and third reach both.
      const answers = [await send(child.url, { sig }), await send(child.url, { sig }), await send(child.url, { sig })];
      expect(answers.map((a) => a.status)).toEqual([200, 403, 403]);
    } finally {
      expect(await child.stop()).toBe(0);
    }
  });
});
