import pg from 'pg';
import { expect, it } from 'vitest';
import { CUSTOMERS } from '../harness.test.helper.js';
import { postgresDriver } from './postgres.js';
import { POSTGRES_URL, probePostgres, skipUnless, uniqueTable } from './test-utils/services.js';
import { sqlSourceSuite, type SqlTestDatabase } from './test-utils/sql-source-suite.js';
import { openSqlSource, refusal, sqlConfigValue } from './test-utils/sql-test-database.js';

const TABLE = uniqueTable('custlink_pg');
const admin = new pg.Client({ connectionString: POSTGRES_URL });
/** The slow lookups on the test table, as pg_stat_activity shows them. */
const SLEEPING = `%${TABLE}%pg_sleep%`;

const db: SqlTestDatabase = {
  name: 'PostgreSQL',
  type: 'postgres',
  url: POSTGRES_URL,
  skip: await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres),
  table: TABLE,
  driver: postgresDriver,
  admin: {
    async setUp() {
      await admin.connect();
      await admin.query(`CREATE TABLE ${TABLE} (name text, member_id bigint, phone text, nation text, points numeric DEFAULT 12345678901234567890.125)`);
      for (const c of CUSTOMERS) {
        await admin.query(`INSERT INTO ${TABLE} (name, member_id, phone, nation) VALUES ($1, $2, $3, $4)`, [c.name, String(c.member_id), c.phone, c.nation]);
      }
    },
    async tearDown() {
      await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
      await admin.end();
    },
    async run(sql) {
      await admin.query(sql);
    },
    async count() {
      return (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TABLE}`)).rows[0]!.n;
    },
    async running() {
      const r = await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE $1",
        [SLEEPING],
      );
      return r.rows[0]!.n;
    },
    async killRunning() {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE $1', [SLEEPING]);
    },
    async terminate(sessions) {
      await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [sessions]);
    },
  },
  nullableNation: ':nation::text',
  // `delay` seconds of pg_sleep for each matching row: a slow query on demand.
  sleepCondition: "pg_sleep(COALESCE(:delay, '0')::float) IS NOT NULL",
  readOnly: { expression: "current_setting('transaction_read_only')", value: 'on' },
  wrongLogin: (u) => void (u.username = 'no_such_role'),
  foreignUrl: 'mysql://x:s3cret-pw@db/crm',
  droppedLog: '57P01',
  sessionId: 'pg_backend_pid()',
  // `value "01055551234567" is out of range for type integer`
  valueError: { condition: ':callNum::int > 0', quote: 'out of range for type integer', code: '22003' },
  zoned: [
    { expression: 'to_timestamp(1793664000)', seoul: '2026-11-03T09:00:00+09:00', utc: '2026-11-03T00:00:00+00:00' },
    { expression: "'2026-11-03 09:00:00.25'::timestamp", seoul: '2026-11-03T09:00:00.25+09:00', utc: '2026-11-03T09:00:00.25+00:00' },
    { expression: "'2026-11-03'::date", seoul: '2026-11-03', utc: '2026-11-03' },
  ],
};

sqlSourceSuite(db, () => {
  it('refuses at start an optional parameter PostgreSQL cannot type, hinting to cast it', async () => {
    const untyped = await refusal(sqlConfigValue(db, {}, { query: `SELECT name FROM ${TABLE} WHERE phone = :callNum AND (:nation IS NULL OR nation = :nation)` }));
    expect(untyped.message).toContain('could not determine data type of parameter :nation; cast it');
  });

  it('leaves "?" alone as the jsonb operator it is in PostgreSQL', async () => {
    const source = await openSqlSource(db, `SELECT name FROM ${TABLE} WHERE '{"vip":true}'::jsonb ? 'vip' AND phone = :p`);
    try {
      expect(await source.lookup({ p: '010-1234-5678' }, 1, new AbortController().signal)).toEqual([{ name: '홍길동' }]);
    } finally {
      await source.close();
    }
  });
});
