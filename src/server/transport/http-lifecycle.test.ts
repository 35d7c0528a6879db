import { execFileSync } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import { answer, captureLogger, configValue, KEY, makeDatabase, startTestServer } from '../harness.test.helper.js';
import { startServer } from './http.js';
import type { Row, Source } from '../types.js';

const BODY = '{"callNum":"010-1234-5678"}';

/** A source whose behaviour each test chooses. */
function fakeSource(lookup: Source['lookup'], ready: Source['ready'] = async () => {}): Source & { closed: boolean } {
  const source = { closed: false, lookup, ready, async close() { source.closed = true; } };
  return source;
}

describe('source failures', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('answers 500 with a generic message and logs the cause only', async () => {
    const s = await startTestServer(configValue(db.file), fakeSource(async () => { throw new Error('connection to 10.9.8.7 refused: password for crm_ro'); }));
    try {
      const a = await s.post(BODY);
      expect(a.status).toBe(500);
      expect(a.json.error).toEqual({ code: 'SOURCE_ERROR', message: '오류가 발생하였습니다.', detail: null });
      expect(a.text).not.toMatch(/refused|crm_ro|at /);
      expect(s.records().find((r) => r.msg === 'source lookup failed')?.err).toMatchObject({ type: 'Error', source: 'sqlite' });
    } finally {
      await s.close();
    }
  });

  it('answers 500 SOURCE_TIMEOUT when the source does not answer in time, and aborts it', async () => {
    let aborted = false;
    const value = configValue(db.file, { limits: { sourceTimeoutMs: 20 } });
    const s = await startTestServer(value, fakeSource((_p, _l, signal) => new Promise<Row[]>(() => {
      signal.addEventListener('abort', () => (aborted = true));
    })));
    try {
      const a = await s.post(BODY);
      expect(a.status).toBe(500);
      expect(a.json.error?.code).toBe('SOURCE_TIMEOUT');
      expect(aborted).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('answers 500 INTERNAL, without a stack, when something unexpected throws', async () => {
    const s = await startTestServer(configValue(db.file), fakeSource(async () => null as unknown as Row[]));
    try {
      const a = await s.post(BODY);
      expect(a.status).toBe(500);
      expect(a.json.error?.code).toBe('INTERNAL');
      expect(a.text).not.toContain('TypeError');
      expect((await s.post(BODY)).status).toBe(500); // still serving
    } finally {
      await s.close();
    }
  });
});

describe('ops paths', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('answers /healthz, /readyz and /metrics outside the API path "/"', async () => {
    const value = configValue(db.file);
    const s = await startTestServer({ ...value, listen: { ...(value.listen as object), path: '/' } });
    try {
      expect((await answer(await fetch(`${s.origin}/healthz`))).json).toEqual({ status: 'ok' });
      expect((await fetch(`${s.origin}/readyz`)).status).toBe(200);
      const metrics = await fetch(`${s.origin}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      expect(await metrics.text()).toContain('custlink_lookup_duration_seconds');
      expect((await fetch(`${s.origin}/healthz`, { method: 'POST', body: '{}' })).status).toBe(405);
      expect((await answer(await fetch(`${s.origin}/other`, { method: 'POST', body: BODY }))).json.error?.code).toBe('UNKNOWN_PATH');
      expect((await s.post(BODY)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('answers ops paths only to ops.allowIps (loopback and private networks by default)', async () => {
    const s = await startTestServer(configValue(db.file, { ops: { allowIps: ['10.0.0.0/8'] } }));
    try {
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        const a = await answer(await fetch(`${s.origin}${path}`));
        expect(a.status).toBe(403);
        expect(a.json.error?.code).toBe('IP_NOT_ALLOWED');
      }
      expect((await s.post(BODY)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('answers /readyz 503 when the source does not answer', async () => {
    const s = await startTestServer(configValue(db.file), fakeSource(async () => [], async () => { throw new Error('down'); }));
    try {
      const a = await answer(await fetch(`${s.origin}/readyz`));
      expect(a.status).toBe(503);
      expect(a.json).toEqual({ status: 'unavailable' });
    } finally {
      await s.close();
    }
  });
});

describe('start and stop', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('lets a request in flight finish on close, then closes the source', async () => {
    let release!: (rows: Row[]) => void;
    let started!: () => void;
    const inLookup = new Promise<void>((r) => (started = r));
    const source = fakeSource(() => new Promise<Row[]>((r) => { release = r; started(); }));
    const s = await startTestServer(configValue(db.file), source);
    const pending = s.post(BODY);
    await inLookup;
    const closing = s.close();
    release([{ name: '홍길동', member_id: 1, phone: '010-1234-5678' }]);
    expect((await pending).status).toBe(200);
    await closing;
    expect(source.closed).toBe(true);
    await expect(fetch(s.url, { method: 'POST', body: BODY })).rejects.toThrow();
  });

  it('refuses at start a result column the query does not return', async () => {
    const config = parseConfig(configValue(db.file, { result: { userName: 'full_name' } }), { env: {} });
    const error = await startServer(config, { logger: captureLogger().logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/result\.userName: column "full_name" is not in the query's result/);
  });

  it('refuses at start a query that writes, since the database is opened read-only', async () => {
    const value = configValue(db.file);
    const config = parseConfig({ ...value, source: { type: 'sqlite', file: db.file, query: 'DELETE FROM customers WHERE phone = :callNum' } }, { env: {} });
    const error = await startServer(config, { logger: captureLogger().logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('source.query');
  });

  it('refuses at start a database file that does not exist', async () => {
    const config = parseConfig(configValue(join(db.dir, 'missing.sqlite')), { env: {} });
    const error = await startServer(config, { logger: captureLogger().logger }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/source\.file: cannot open/);
  });

  it('serves HTTPS with listen.tls', async () => {
    const cert = join(db.dir, 'cert.pem');
    const key = join(db.dir, 'key.pem');
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    } catch {
      return; // no openssl here: nothing to test with
    }
    const value = configValue(db.file);
    const s = await startTestServer({ ...value, listen: { ...(value.listen as object), tls: { cert, key } } });
    try {
      expect(s.url).toMatch(/^https:/);
      const signed = signRequest({ key: KEY, body: BODY });
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(s.url, {
          method: 'POST',
          rejectUnauthorized: false,
          headers: { 'content-type': 'application/json', authorization: signed.authorization, 'x-tc-timestamp': signed.timestamp },
        }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(BODY);
      });
      expect(status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
