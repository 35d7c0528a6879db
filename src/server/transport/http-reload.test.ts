import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import { signRequest } from '../../protocol/sign.js';
import { answer, configValue, KEY, makeDatabase, startTestServer } from '../harness.test.helper.js';
import type { Row, Source } from '../types.js';

const BODY = '{"callNum":"010-1234-5678"}';
const NEW_KEY = '0123456789abcdef01234567';
const HONG: Row = { name: '홍길동', member_id: 1001, phone: '010-1234-5678', email: 'hong@example.com' };

describe('RunningServer.reload', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('swaps keys and result items without dropping the request in flight, and keeps the caller\'s source open', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const source: Source & { closed: boolean } = {
      closed: false,
      async lookup() {
        // The first lookup is still running when the reload lands.
        if (++calls === 1) await gate;
        return [HONG];
      },
      async ready() {},
      async close() {
        source.closed = true;
      },
    };
    const s = await startTestServer(configValue(db.file), source);
    try {
      const inFlight = s.post(BODY);
      while (calls === 0) await new Promise((r) => setTimeout(r, 5));
      await s.server.reload(parseConfig(configValue(db.file, { auth: { keys: [NEW_KEY] }, result: { id: 'member_id', email: 'email' } }), { env: {} }));

      expect((await s.post(BODY)).json.error?.code).toBe('BAD_SIGNATURE');
      const after = await s.post(BODY, { key: NEW_KEY });
      expect(after.json).toEqual({ data: { id: '1001', email: 'hong@example.com' } });
      release();
      // Verified with the old key and rendered with the old result items, as it arrived.
      expect((await inFlight).json).toEqual({ data: { userName: '홍*동', id: '1001', phone: '010-****-5678' } });
      expect(source.closed).toBe(false);
    } finally {
      await s.close();
    }
    expect(source.closed).toBe(true);
  });

  it('refuses what needs a restart, or a config that cannot start, and keeps serving the old one', async () => {
    const s = await startTestServer(configValue(db.file));
    try {
      const moved = parseConfig(configValue(db.file, { listen: { host: '0.0.0.0', port: 0, path: '/lookup' } }), { env: {} });
      await expect(s.server.reload(moved)).rejects.toThrow(/listen\.host: changed; this needs a restart/);
      const broken = parseConfig(configValue(`${db.dir}/missing.sqlite`, { auth: { keys: [NEW_KEY] } }), { env: {} });
      await expect(s.server.reload(broken)).rejects.toBeInstanceOf(ConfigError);
      expect((await s.post(BODY)).status).toBe(200);
      expect((await s.post(BODY, { key: NEW_KEY })).status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it('keeps the memory replay store across reloads: a request answered before one is still refused after', async () => {
    const replay = (maxEntries: number, toleranceMs = 300_000) =>
      parseConfig(configValue(db.file, { auth: { keys: [KEY], toleranceMs, replay: { store: 'memory', maxEntries } } }), { env: {} });
    const s = await startTestServer(configValue(db.file, { auth: { keys: [KEY], replay: { store: 'memory' } } }));
    const send = async (sig: { authorization: string; timestamp: string }) =>
      answer(await fetch(s.url, { method: 'POST', body: BODY, headers: { 'content-type': 'application/json', authorization: sig.authorization, 'x-tc-timestamp': sig.timestamp } }));
    try {
      const first = signRequest({ key: KEY, body: BODY });
      expect((await send(first)).status).toBe(200);
      await s.server.reload(replay(100_000));
      const replayed = await send(first);
      expect([replayed.status, replayed.json.error?.code]).toEqual([403, 'REPLAYED']);
      // Another size or window keeps what was seen too.
      await s.server.reload(replay(5_000, 600_000));
      expect((await send(first)).json.error?.code).toBe('REPLAYED');
      expect((await send(signRequest({ key: KEY, body: BODY, timestamp: Date.now() + 1 }))).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('moves the API path when the reload says so', async () => {
    const s = await startTestServer(configValue(db.file));
    try {
      await s.server.reload(parseConfig(configValue(db.file, { listen: { host: '127.0.0.1', port: 0, path: '/v2/customer' } }), { env: {} }));
      expect(new URL(s.server.url).pathname).toBe('/v2/customer');
      expect((await s.post(BODY)).status).toBe(200);
      const old = await answer(await fetch(`${s.origin}/lookup`, { method: 'POST', body: BODY, headers: { 'content-type': 'application/json' } }));
      expect(old.json.error?.code).toBe('UNKNOWN_PATH');
    } finally {
      await s.close();
    }
  });
});
