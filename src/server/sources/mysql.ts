import mysql from 'mysql2/promise';
import type { Row } from '../types.js';
import { URL_PROTOCOLS } from '../vocabulary/url-schemes.js';
import { toMysqlSql } from './positional-sql.js';
import { isoTimestamp, utcOffset } from '../../utils/time-zone.js';
import { hidePassword } from '../../utils/url-password.js';
import type { SqlDriver } from './sql-server.js';

/**
 * The MySQL / MariaDB driver of the SQL server source: the query with its named parameters rewritten to `?`, run as a
 * server-side prepared statement (values are bound, never spliced) on a pool of `poolSize`
 * connections (see `openSqlServerSource`). `BIGINT` and `DECIMAL` arrive as strings, keeping
 * every digit. Sessions are read-only. On abort the query is stopped with `KILL QUERY` from a
 * separate connection.
 *
 * @example
 * const source = await openSqlServerSource({ type: 'mysql', url: 'mysql://app@db/crm', query: 'SELECT name FROM c WHERE phone = :callNum', unique: false, poolSize: 10 }, 2000, mysqlDriver);
 * await source.lookup({ callNum: '01012345678' }, 1, AbortSignal.timeout(2000));
 */
export const mysqlDriver: SqlDriver<mysql.PoolConnection> = {
  protocols: URL_PROTOCOLS.mysql,
  urlForm: 'mysql://user:${PASSWORD}@host:3306/database',
  positional: toMysqlSql,
  open({ url, poolSize, connectTimeoutMs, timeZone }) {
    const options: mysql.PoolOptions = {
      uri: url,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      // As JS Dates, DATE and DATETIME would be read in the process's time zone and shown in UTC
      // (a DATE as the day before, east of Greenwich); the database's own text is what agents expect.
      dateStrings: true,
      connectTimeout: connectTimeoutMs,
      enableKeepAlive: true,
    };
    const pool = mysql.createPool({ ...options, connectionLimit: poolSize });
    // Cancels need their own connection: the pool may be full of the very queries to cancel.
    const canceller = mysql.createPool({ ...options, connectionLimit: 1, idleTimeout: 10_000 });
    // Queued before any lookup on the new connection, so every lookup runs read-only.
    pool.pool.on('connection', (connection) => {
      connection.query('SET SESSION TRANSACTION READ ONLY', () => {});
      // An offset, not the zone's name: MySQL and MariaDB know names only where their time zone
      // tables were loaded (Debian's MariaDB has none). Taken at connect, so a zone with daylight
      // saving is off by an hour on a connection older than the change (Asia/Seoul has none).
      connection.query('SET time_zone = ?', [utcOffset(timeZone)], () => {});
    });
    return {
      acquire: () => pool.getConnection(),
      release: (c, destroy) => (destroy ? c.destroy() : c.release()),
      async cancel(c) {
        // A thread id is an integer the server gave us; KILL takes no placeholder.
        if (Number.isSafeInteger(c.threadId)) await canceller.query(`KILL QUERY ${c.threadId}`);
      },
      describe: async (c, text, values) => (await c.execute(text, values))[1].map((f) => f.name),
      // `execute` prepares each text once per connection: a statement's name adds nothing here.
      query: async (c, { text, values }) => {
        const [rows, fields] = await c.execute<mysql.RowDataPacket[]>(text, values);
        return zoned(rows as Row[], fields, timeZone);
      },
      ping: async () => void (await pool.query('SELECT 1')),
      close: async () => void (await Promise.all([pool.end(), canceller.end()])),
    };
  },
  refusal: (error, url) => `the server refuses it (it must be one SELECT): ${hidePassword(error, url)}`,
};

// DATETIME and TIMESTAMP (`dateStrings` keeps them as the server's text, a DATE as `YYYY-MM-DD`):
// ISO 8601 with the offset in `zone`, the form the PostgreSQL source gives too. A TIMESTAMP is
// already in the session's zone, which is `zone`; a DATETIME has none and is read as `zone`'s.
const TIMESTAMP_COLUMNS = new Set<number>([mysql.Types.DATETIME, mysql.Types.TIMESTAMP]);

function zoned(rows: Row[], fields: readonly mysql.FieldPacket[], zone: string): Row[] {
  const names = fields.filter((f) => f.columnType !== undefined && TIMESTAMP_COLUMNS.has(f.columnType)).map((f) => f.name);
  if (names.length === 0) return rows;
  for (const row of rows) {
    for (const name of names) {
      const value = row[name];
      if (typeof value === 'string') row[name] = isoTimestamp(value, zone);
    }
  }
  return rows;
}
