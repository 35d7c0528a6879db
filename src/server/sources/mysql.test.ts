import mysql from 'mysql2/promise';
import { CUSTOMERS } from '../harness.test.helper.js';
import { mysqlDriver } from './mysql.js';
import { MYSQL_URL, probeMysql, skipUnless, uniqueTable } from './test-utils/services.js';
import { sqlSourceSuite } from './test-utils/sql-source-suite.js';

const TABLE = uniqueTable('custlink_my');
let admin: mysql.Connection;
/** Ids of the connections running a slow lookup on the test table. */
const sleeping = async (): Promise<number[]> => {
  const [rows] = await admin.query<mysql.RowDataPacket[]>(
    "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND <> 'Sleep' AND INFO LIKE ?",
    [`%${TABLE}%SLEEP%`],
  );
  return rows.map((r) => Number(r.id));
};

sqlSourceSuite({
  name: 'MariaDB/MySQL',
  type: 'mysql',
  url: MYSQL_URL,
  skip: await skipUnless('MariaDB/MySQL', MYSQL_URL, probeMysql),
  table: TABLE,
  driver: mysqlDriver,
  admin: {
    async setUp() {
      admin = await mysql.createConnection({ uri: MYSQL_URL, charset: 'utf8mb4' });
      await admin.query(
        `CREATE TABLE ${TABLE} (name VARCHAR(40), member_id BIGINT, phone VARCHAR(20), nation VARCHAR(10), points DECIMAL(30,3) DEFAULT 12345678901234567890.125) CHARACTER SET utf8mb4`,
      );
      for (const c of CUSTOMERS) {
        await admin.execute(`INSERT INTO ${TABLE} (name, member_id, phone, nation) VALUES (?, ?, ?, ?)`, [c.name, String(c.member_id), c.phone, c.nation]);
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
      const [rows] = await admin.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${TABLE}`);
      return rows[0]!.n as number;
    },
    running: async () => (await sleeping()).length,
    async killRunning() {
      for (const id of await sleeping()) await admin.query(`KILL CONNECTION ${id}`);
    },
    async terminate(sessions) {
      for (const id of sessions) await admin.query(`KILL CONNECTION ${Number(id)}`);
    },
  },
  nullableNation: ':nation',
  // `delay` seconds of SLEEP for each matching row: a slow query on demand.
  sleepCondition: 'SLEEP(COALESCE(:delay, 0)) = 0',
  readOnly: { expression: '@@session.tx_read_only', value: '1' },
  // The test user (root) has no password, so any password is wrong.
  wrongLogin: () => {},
  foreignUrl: 'postgres://x:s3cret-pw@db/crm',
  sessionId: 'CONNECTION_ID()',
  // `BIGINT value is out of range in 'cast('01055551234567' as signed) * 1000000000'`
  valueError: { condition: 'CAST(:callNum AS SIGNED) * 1000000000 > 0', quote: 'BIGINT value is out of range', code: 'ER_DATA_OUT_OF_RANGE' },
  // FROM_UNIXTIME reads the epoch in the session's time_zone, as a TIMESTAMP column is read.
  zoned: [
    { expression: 'FROM_UNIXTIME(1793664000)', seoul: '2026-11-03T09:00:00+09:00', utc: '2026-11-03T00:00:00+00:00' },
    { expression: "CAST('2026-11-03 09:00:00' AS DATETIME)", seoul: '2026-11-03T09:00:00+09:00', utc: '2026-11-03T09:00:00+00:00' },
    { expression: "CAST('2026-11-03' AS DATE)", seoul: '2026-11-03', utc: '2026-11-03' },
  ],
});
