/** The tests PostgreSQL and MariaDB/MySQL sources share, through a real endpoint and straight on the source. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, CUSTOMERS, startTestServer } from '../../harness.test.helper.js';
import { eventually } from './services.js';
import { sqlDirectTests } from './sql-direct-tests.js';
import { sqlFaultTests } from './sql-fault-tests.js';
import { sqlRefusalTests } from './sql-refusal-tests.js';
import { HONG, sqlConfigValue, sqlQuery, type SqlTestDatabase } from './sql-test-database.js';

export type { SqlTestDatabase } from './sql-test-database.js';

/**
 * Registers '<name> source' (skipped when `db.skip`): the table set up around it, lookups through
 * an endpoint, start-time refusals, the source on its own and faults (sessions ended under load); `specific` adds its own tests inside.
 *
 * @example
 * sqlSourceSuite({ name: 'PostgreSQL', type: 'postgres', url: POSTGRES_URL, skip, ... });
 */
export function sqlSourceSuite(db: SqlTestDatabase, specific?: () => void): void {
  describe.skipIf(db.skip)(`${db.name} source`, () => {
    beforeAll(() => db.admin.setUp());
    afterAll(() => db.admin.tearDown());
    sqlEndpointTests(db);
    sqlRefusalTests(db);
    sqlDirectTests(db);
    sqlFaultTests(db);
    specific?.();
  });
}

function sqlEndpointTests(db: SqlTestDatabase): void {
  const value = (overrides: Record<string, unknown> = {}, source: Record<string, unknown> = {}) => sqlConfigValue(db, overrides, source);
  const running = () => db.admin.running();

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
      for (const callNum of ["' OR '1'='1", `010-1234-5678'; DROP TABLE ${db.table}; --`, '010-1234-5678 OR 1=1']) {
        expect((await s.post(JSON.stringify({ callNum }))).json.error?.code).toBe('NOT_FOUND');
      }
      expect(await db.admin.count()).toBe(CUSTOMERS.length);
    } finally {
      await s.close();
    }
  });

  it('times a slow query out with SOURCE_TIMEOUT, cancels it on the server and frees its connection', async () => {
    const s = await startTestServer(value({ limits: { sourceTimeoutMs: 200 } }, { query: sqlQuery(db, true), poolSize: 1 }));
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
    const s = await startTestServer(value({}, { query: sqlQuery(db, true) }));
    try {
      const pending = s.post(JSON.stringify({ callNum: '010-1234-5678', delay: '5' }));
      expect(await eventually(async () => (await running()) === 1, 2000)).toBe(true);
      await db.admin.killRunning();
      const dropped = await pending;
      expect([dropped.status, dropped.json.error?.code]).toEqual([500, 'SOURCE_ERROR']);
      if (db.droppedLog !== undefined) expect(s.lines.join('\n')).toContain(db.droppedLog);
      expect((await s.post(HONG)).json.data?.name).toBe('홍길동');
      expect((await fetch(`${s.origin}/readyz`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
}
