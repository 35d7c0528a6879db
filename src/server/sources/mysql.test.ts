import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import type { SqlServerSourceConfig } from '../config/types.js';
import { createEndpoint } from '../endpoint.js';
import { answer, captureLogger, CUSTOMERS, KEY, startTestServer } from '../harness.test.helper.js';
import { openMysqlSource } from './mysql.js';
import { eventually, MYSQL_URL, probeMysql, skipUnless, uniqueTable } from './test-utils/services.js';

const skip = await skipUnless('MariaDB/MySQL', MYSQL_URL, probeMysql);
const TABLE = uniqueTable('custlink_my');
const QUERY = `SELECT name, member_id, points FROM ${TABLE} WHERE phone = :callNum AND (:nation IS NULL OR nation = :nation) ORDER BY member_id`;
// `delay` seconds of SLEEP for each matching row: a slow query on demand.
const SLOW = `SELECT name, member_id, points FROM ${TABLE} WHERE phone = :callNum AND SLEEP(COALESCE(:delay, 0)) = 0`;
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
    source: { type: 'mysql', url: MYSQL_URL, query: QUERY, ...source },
    result: { name: 'name', id: 'member_id', points: 'points' },
    ...overrides,
  };
}

function sourceConfig(query: string, url = MYSQL_URL): SqlServerSourceConfig {
  return { type: 'mysql', url, query, unique: false, poolSize: 2 };
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

describe.skipIf(skip)('MariaDB/MySQL source', () => {
  let admin: mysql.Connection;
  /** Ids of the connections running a slow lookup on the test table. */
  const sleeping = async (): Promise<number[]> => {
    const [rows] = await admin.query<mysql.RowDataPacket[]>(
      "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND <> 'Sleep' AND INFO LIKE ?",
      [`%${TABLE}%SLEEP%`],
    );
    return rows.map((r) => Number(r.id));
  };
  const running = async (): Promise<number> => (await sleeping()).length;

  beforeAll(async () => {
    admin = await mysql.createConnection({ uri: MYSQL_URL, charset: 'utf8mb4' });
    await admin.query(
      `CREATE TABLE ${TABLE} (name VARCHAR(40), member_id BIGINT, phone VARCHAR(20), nation VARCHAR(10), points DECIMAL(30,3) DEFAULT 12345678901234567890.125) CHARACTER SET utf8mb4`,
    );
    for (const c of CUSTOMERS) {
      await admin.execute(`INSERT INTO ${TABLE} (name, member_id, phone, nation) VALUES (?, ?, ?, ?)`, [c.name, String(c.member_id), c.phone, c.nation]);
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
      const [count] = await admin.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${TABLE}`);
      expect(count[0]).toEqual({ n: CUSTOMERS.length });
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
      for (const id of await sleeping()) await admin.query(`KILL CONNECTION ${id}`);
      const dropped = await pending;
      expect([dropped.status, dropped.json.error?.code]).toEqual([500, 'SOURCE_ERROR']);
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
    const url = new URL(MYSQL_URL);
    const bad = (change: (u: URL) => void): string => {
      const u = new URL(url);
      u.password = 's3cret-pw';
      change(u);
      return u.toString();
    };
    // A wrong password for the test user, an unknown database, a port nobody listens on.
    for (const badUrl of [bad(() => {}), bad((u) => (u.pathname = '/no_such_db')), bad((u) => (u.port = '1'))]) {
      const error = await refusal(value({}, { url: badUrl }));
      expect(error.issues[0]?.path).toBe('source.url');
      expect(error.message).toMatch(/cannot connect to mysql:\/\/.*:\*\*\*@/);
      expect(error.message).not.toContain('s3cret-pw');
    }
    expect((await refusal(value({}, { url: 'postgres://x:s3cret-pw@db/crm' }))).message).not.toContain('s3cret-pw');
  });

  it('refuses at start a query the server refuses, in the config\'s terms', async () => {
    const error = await refusal(value({}, { query: `SELECT nme FROM ${TABLE} WHERE phone = :callNum` }));
    expect(error.issues[0]).toEqual({ path: 'source.query', message: expect.stringContaining('nme') as string });
    const two = await refusal(value({}, { query: `SELECT name FROM ${TABLE} WHERE phone = :callNum; DELETE FROM ${TABLE}` }));
    expect(two.issues[0]?.path).toBe('source.query');
  });

  it('describes any SELECT, fetches at most limit rows and keeps ready() honest', async () => {
    const source = await openMysqlSource(sourceConfig(`SELECT name, member_id FROM ${TABLE} WHERE phone = :p ORDER BY member_id DESC; -- newest first`), 200);
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
    const source = await openMysqlSource(sourceConfig(`SELECT @@session.tx_read_only AS ro FROM ${TABLE} WHERE phone = :p`), 200);
    try {
      const [row] = await source.lookup({ p: '010-1234-5678' }, 1, new AbortController().signal);
      expect(String(row?.ro)).toBe('1');
    } finally {
      await source.close();
    }
  });

  it('gives dates and times as the database writes them, not shifted through a time zone', async () => {
    const source = await openMysqlSource(sourceConfig(`SELECT DATE '2024-01-01' AS joined, TIMESTAMP '2024-01-01 09:30:00' AS seen FROM ${TABLE} WHERE phone = :p`), 200);
    try {
      const [row] = await source.lookup({ p: '010-1234-5678' }, 1, new AbortController().signal);
      expect(row).toEqual({ joined: '2024-01-01', seen: '2024-01-01 09:30:00' });
    } finally {
      await source.close();
    }
  });

  it('keeps the order of a query with its own ORDER BY ... LIMIT', async () => {
    const source = await openMysqlSource(sourceConfig(`SELECT name FROM ${TABLE} WHERE phone = :p ORDER BY member_id DESC LIMIT 5`), 200);
    try {
      expect(await source.lookup({ p: '010-2222-3333' }, 1, new AbortController().signal)).toEqual([{ name: '김철수 (twin)' }]);
    } finally {
      await source.close();
    }
  });
});
