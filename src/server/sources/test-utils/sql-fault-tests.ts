/** The shared SQL source tests of faults an operator meets: sessions ended under load, errors quoting values. */
import { expect, it } from 'vitest';
import { startTestServer, type Answer } from '../../harness.test.helper.js';
import { expectFailureLoggedSafely } from './log-checks.js';
import { eventually } from './services.js';
import { HONG, sqlConfigValue, type SqlTestDatabase } from './sql-test-database.js';

/**
 * Registers the fault tests of `db`: its sessions ended (a DBA's terminate, a restart, a
 * failover) while 20 lookups run on a pool of 4 cost the lookups in flight, never the process;
 * a server error quoting the bound value is logged by its codes, without the value.
 *
 * @example
 * describe('PostgreSQL source', () => sqlFaultTests(db));
 */
export function sqlFaultTests(db: SqlTestDatabase): void {
  it('survives its sessions ended under load: in-flight lookups 500, the process alive, the next lookups 200', async () => {
    const crashes: unknown[] = [];
    const crash = (error: unknown): void => void crashes.push(error);
    // What would end a real process: an error no one listens for.
    process.on('uncaughtException', crash);
    process.on('unhandledRejection', crash);
    const query = `SELECT name, member_id, points, ${db.sessionId} AS session FROM ${db.table} WHERE phone = :callNum`;
    const s = await startTestServer(
      sqlConfigValue(db, { limits: { sourceTimeoutMs: 20_000 }, result: { name: 'name', session: 'session' } }, { query, poolSize: 4 }),
    );
    const answers: Answer[] = [];
    let stop = false;
    try {
      const load = Array.from({ length: 20 }, async () => {
        while (!stop) answers.push(await s.post(HONG));
      });
      expect(await eventually(async () => answers.length >= 60, 20_000)).toBe(true);
      const ended = new Set(answers.map((a) => a.json.data?.session).filter((id) => id !== undefined));
      expect(ended.size).toBeGreaterThan(1);
      await db.admin.terminate([...ended]);
      const endedAt = answers.length;
      const kept = await eventually(async () => answers.length >= endedAt + 100 || crashes.length > 0, 20_000);
      stop = true;
      await Promise.all(load);
      expect(crashes).toEqual([]);
      expect(kept).toBe(true);
      for (const a of answers) {
        if (a.status !== 200) expect([a.status, a.json.error?.code]).toEqual([500, 'SOURCE_ERROR']);
      }
      // The pool let the ended sessions go and connected anew.
      const next = await Promise.all(Array.from({ length: 8 }, () => s.post(HONG)));
      expect(next.map((a) => a.status)).toEqual(new Array(8).fill(200));
      expect(next.filter((a) => ended.has(a.json.data?.session ?? ''))).toEqual([]);
    } finally {
      stop = true;
      await s.close();
      process.off('uncaughtException', crash);
      process.off('unhandledRejection', crash);
    }
  });

  it('logs a lookup the server fails by its codes, never the bound value nor the message quoting it', async () => {
    const value = '01055551234567';
    const s = await startTestServer(sqlConfigValue(db, {}, { query: `SELECT name, member_id, points FROM ${db.table} WHERE ${db.valueError.condition}` }));
    try {
      const failed = await s.post(JSON.stringify({ callNum: value }));
      expect([failed.status, failed.json.error?.code]).toEqual([500, 'SOURCE_ERROR']);
      const err = expectFailureLoggedSafely(s.lines, value, db.valueError.quote, { code: db.valueError.code });
      expect(err).toMatchObject({ source: db.type, message: expect.stringContaining('data exception') as string });
    } finally {
      await s.close();
    }
  });
}
