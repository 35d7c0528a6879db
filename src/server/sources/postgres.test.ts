import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import type { SqlServerSourceConfig } from '../config/types.js';
import { createEndpoint } from '../endpoint.js';
import { answer, captureLogger, CUSTOMERS, KEY, startTestServer } from '../harness.test.helper.js';
import { openPostgresSource } from './postgres.js';
import { eventually, POSTGRES_URL, probePostgres, skipUnless, uniqueTable } from './test-utils/services.js';

const skip = await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres);
const TABLE = uniqueTable('custlink_pg');
const QUERY = `SELECT name, member_id, points FROM ${TABLE} WHERE phone = :callNum AND (:nation::text IS NULL OR nation = :nation) ORDER BY member_id`;
// `delay` seconds of pg_sleep for each matching row: a slow query on demand.
const SLOW = `SELECT name, member_id, points FROM ${TABLE} WHERE phone = :callNum AND pg_sleep(COALESCE(:delay, '0')::float) IS NOT NULL`;
const HONG = JSON.stringify({ callNum: '010-1234-5678' });

/** A config value for the test table; `source` keys override the source's. */
function value(overrides: Record<string, unknown> = {}, source: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 0, path: '/lookup' },
    auth: { keys: [KEY] },
    lookup: {
      callNum: { required: true, maxLength: 64 },
      nation: { required: false, maxLength: 10 },
      delay: { required: false, maxLength: 4, pattern: '^[0-9.]+$' },
    },
    source: { type: 'postgres', url: POSTGRES_URL, query: QUERY, ...source },
    result: { name: 'name', id: 'member_id', points: 'points' },
    ...overrides,
  };
}

function sourceConfig(query: string, url = POSTGRES_URL): SqlServerSourceConfig {
  return { type: 'postgres', url, query, unique: false, poolSize: 2 };
}

/** The ConfigError `createEndpoint` rejects with for this config value. */
async function refusal(config: Record<string, unknown>): Promise<ConfigError> {
  const error: unknown = await createEndpoint(parseConfig(config, { env: {} }), { logger: captureLogger().logger }).then(
    async (endpoint) => { await endpoint.close(); return undefined; },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe.skipIf(skip)('PostgreSQL source', () => {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  /** Lookups on the test table still running on the server. */
  const running = async (): Promise<number> => {
    const r = await admin.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE $1",
      [`%${TABLE}%pg_sleep%`],
    );
    return (r.rows[0] as { n: number }).n;
  };

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE TABLE ${TABLE} (name text, member_id bigint, phone text, nation text, points numeric DEFAULT 12345678901234567890.125)`);
    for (const c of CUSTOMERS) {
      await admin.query(`INSERT INTO ${TABLE} (name, member_id, phone, nation) VALUES ($1, $2, $3, $4)`, [c.name, String(c.member_id), c.phone, c.nation]);
    }
  });
  afterAll(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await admin.end();
  });

  it('answers 200 with every digit of bigint and numeric, NULL as "", Korean intact', async () => {
    const s = await startTestServer(value());
    try {
      const hong = await s.post(HONG);
      expect(hong.status).toBe(200);
      expect(hong.json.data).toEqual({ name: '홍길동', id: '1001', points: '12345678901234567890.125' });
      const anon = await s.post(JSON.stringify({ callNum: '010-0000-0000' }));
      expect(anon.json.data).toEqual({ name: '', id: '9007199254740993', points: '12345678901234567890.125' });
      expect((await answer(await fetch(`${s.origin}/readyz`))).json).toEqual({ status: 'ready' });
    } finally {
      await s.close();
    }
  });

  it('answers NOT_FOUND, the first row or NOT_UNIQUE, and binds an item not sent as NULL', async () => {
    const s = await startTestServer(value());
    const u = await startTestServer(value({}, { unique: true }));
    try {
      expect((await s.post(JSON.stringify({ callNum: '010-9999-9999' }))).json.error?.code).toBe('NOT_FOUND');
      expect((await s.post(JSON.stringify({ callNum: '010-2222-3333' }))).json.data?.id).toBe('1002');
      const twins = await u.post(JSON.stringify({ callNum: '010-2222-3333' }));
      expect([twins.status, twins.json.error?.code]).toEqual([400, 'NOT_UNIQUE']);
      expect((await u.post(HONG)).status).toBe(200);
      expect((await s.post(JSON.stringify({ callNum: '010-1234-5678', nation: 'japan' }))).json.error?.code).toBe('NOT_FOUND');
      expect((await s.post(JSON.stringify({ callNum: '010-1234-5678', nation: 'korea' }))).json.data?.name).toBe('홍길동');
    } finally {
      await Promise.all([s.close(), u.close()]);
    }
  });

  it('finds nothing for an SQL injection attempt and the table is untouched', async () => {
    const s = await startTestServer(value());
    try {
      for (const callNum of ["' OR '1'='1", `010-1234-5678'; DROP TABLE ${TABLE}; --`, '010-1234-5678 OR 1=1']) {
        expect((await s.post(JSON.stringify({ callNum }))).json.error?.code).toBe('NOT_FOUND');
      }
      expect((await admin.query(`SELECT count(*)::int AS n FROM ${TABLE}`)).rows[0]).toEqual({ n: CUSTOMERS.length });
    } finally {
      await s.close();
    }
  });

  it('times a slow query out with SOURCE_TIMEOUT, cancels it on the server and frees its connection', async () => {
    const s = await startTestServer(value({ limits: { sourceTimeoutMs: 200 } }, { query: SLOW, poolSize: 1 }));
    try {
      const started = Date.now();
      const pending = s.post(JSON.stringify({ callNum: '010-1234-5678', delay: '2' }));
      expect(await eventually(async () => (await running()) === 1, 1000)).toBe(true);
      const slow = await pending;
      expect([slow.status, slow.json.error?.code]).toEqual([500, 'SOURCE_TIMEOUT']);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await eventually(async () => (await running()) === 0, 1000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(1500);
      // The pool's only connection is free again.
      expect((await s.post(HONG)).json.data?.name).toBe('홍길동');
    } finally {
      await s.close();
    }
  });

  it('answers SOURCE_ERROR when the database drops the connection mid-query, then recovers', async () => {
    const s = await startTestServer(value({}, { query: SLOW }));
    try {
      const pending = s.post(JSON.stringify({ callNum: '010-1234-5678', delay: '5' }));
      expect(await eventually(async () => (await running()) === 1, 2000)).toBe(true);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE $1', [`%${TABLE}%pg_sleep%`]);
      const dropped = await pending;
      expect([dropped.status, dropped.json.error?.code]).toEqual([500, 'SOURCE_ERROR']);
      expect(s.lines.join('\n')).toContain('terminat');
      expect((await s.post(HONG)).json.data?.name).toBe('홍길동');
      expect((await fetch(`${s.origin}/readyz`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('refuses at start a result column the query does not return, naming the key', async () => {
    const error = await refusal(value({ result: { name: 'name', phone: 'phone_no' } }));
    expect(error.issues).toEqual([{ path: 'result.phone', message: expect.stringContaining('"phone_no"') as string }]);
  });

  it('refuses at start an unreachable or unknown database without showing the password', async () => {
    const url = new URL(POSTGRES_URL);
    const bad = (change: (u: URL) => void): string => {
      const u = new URL(url);
      u.password = 's3cret-pw';
      change(u);
      return u.toString();
    };
    for (const badUrl of [bad((u) => (u.username = 'no_such_role')), bad((u) => (u.pathname = '/no_such_db')), bad((u) => (u.port = '1'))]) {
      const error = await refusal(value({}, { url: badUrl }));
      expect(error.issues[0]?.path).toBe('source.url');
      expect(error.message).toMatch(/cannot connect to postgres:\/\/.*:\*\*\*@/);
      expect(error.message).not.toContain('s3cret-pw');
    }
    expect((await refusal(value({}, { url: 'mysql://x:s3cret-pw@db/crm' }))).message).not.toContain('s3cret-pw');
  });

  it('refuses at start a query the server refuses, in the config\'s terms', async () => {
    const error = await refusal(value({}, { query: `SELECT nme FROM ${TABLE} WHERE phone = :callNum` }));
    expect(error.issues[0]).toEqual({ path: 'source.query', message: expect.stringContaining('nme') as string });
    const untyped = await refusal(value({}, { query: `SELECT name FROM ${TABLE} WHERE phone = :callNum AND (:nation IS NULL OR nation = :nation)` }));
    expect(untyped.message).toContain('could not determine data type of parameter :nation; cast it');
    const two = await refusal(value({}, { query: `SELECT name FROM ${TABLE} WHERE phone = :callNum; DELETE FROM ${TABLE}` }));
    expect(two.issues[0]?.path).toBe('source.query');
  });

  it('describes any SELECT, fetches at most limit rows and keeps ready() honest', async () => {
    const source = await openPostgresSource(sourceConfig(`SELECT name, member_id FROM ${TABLE} WHERE phone = :p ORDER BY member_id DESC; -- newest first`), 200);
    try {
      expect(source.columns).toEqual(['name', 'member_id']);
      expect(source.blocking).toBeUndefined();
      const signal = new AbortController().signal;
      expect(await source.lookup({ p: '010-2222-3333' }, 1, signal)).toEqual([{ name: '김철수 (twin)', member_id: '1003' }]);
      expect(await source.lookup({ p: '010-2222-3333' }, 2, signal)).toHaveLength(2);
      await expect(source.lookup({ p: '010-2222-3333' }, 1, AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
      await expect(source.ready()).resolves.toBeUndefined();
    } finally {
      await source.close();
      await source.close();
    }
    await expect(source.ready()).rejects.toThrow();
  });

  it('looks up read-only', async () => {
    const source = await openPostgresSource(sourceConfig(`SELECT current_setting('transaction_read_only') AS ro FROM ${TABLE} WHERE phone = :p`), 200);
    try {
      const [row] = await source.lookup({ p: '010-1234-5678' }, 1, new AbortController().signal);
      expect(String(row?.ro)).toBe('on');
    } finally {
      await source.close();
    }
  });

  it('gives dates and times as the database writes them, not shifted through a time zone', async () => {
    const source = await openPostgresSource(sourceConfig(`SELECT DATE '2024-01-01' AS joined, TIMESTAMP '2024-01-01 09:30:00' AS seen FROM ${TABLE} WHERE phone = :p`), 200);
    try {
      const [row] = await source.lookup({ p: '010-1234-5678' }, 1, new AbortController().signal);
      expect(row).toEqual({ joined: '2024-01-01', seen: '2024-01-01 09:30:00' });
    } finally {
      await source.close();
    }
  });

  it('keeps the order of a query with its own ORDER BY ... LIMIT', async () => {
    const source = await openPostgresSource(sourceConfig(`SELECT name FROM ${TABLE} WHERE phone = :p ORDER BY member_id DESC LIMIT 5`), 200);
    try {
      expect(await source.lookup({ p: '010-2222-3333' }, 1, new AbortController().signal)).toEqual([{ name: '김철수 (twin)' }]);
    } finally {
      await source.close();
    }
  });
});
