import mysql from 'mysql2/promise';
import { ConfigError } from '../config/error.js';
import type { SqlServerSourceConfig } from '../config/types.js';
import type { Row, Source } from '../types.js';
import { bindValues, limitRows, toMysqlSql } from './sql-named.js';
import { hidePassword, redactUrl, runAbortable, type ConnectionLeases } from './sql-pool.js';

const PROTOCOLS = ['mysql:', 'mariadb:'];

/**
 * The MySQL / MariaDB source: a pool of `poolSize` connections and the query with its named
 * parameters rewritten to `?`, run as a server-side prepared statement (values are bound, never
 * spliced). At open it connects and describes the query (every parameter `NULL`, `LIMIT 0`), so
 * `columns` is known and a refused query stops the start. `BIGINT` and `DECIMAL` arrive as
 * strings, keeping every digit. Sessions are read-only. On abort (the source timeout) the query
 * is stopped with `KILL QUERY` from a separate connection.
 *
 * @example
 * const source = await openMysqlSource({ type: 'mysql', url: 'mysql://app@db/crm', query: 'SELECT name FROM c WHERE phone = :callNum', unique: false, poolSize: 10 }, 2000);
 * await source.lookup({ callNum: '01012345678' }, 1, AbortSignal.timeout(2000));
 */
export async function openMysqlSource(config: SqlServerSourceConfig, timeoutMs: number): Promise<Source> {
  const shown = redactUrl(config.url, PROTOCOLS);
  if (shown === undefined) {
    throw new ConfigError([{ path: 'source.url', message: 'is not a mysql:// URL (mysql://user:${PASSWORD}@host:3306/database)' }]);
  }
  const options: mysql.PoolOptions = {
    uri: config.url,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    // As JS Dates, DATE and DATETIME would be read in the process's time zone and shown in UTC
    // (a DATE as the day before, east of Greenwich); the database's own text is what agents expect.
    dateStrings: true,
    // Never shorter than a few seconds: a cold server or TLS handshake is not a dead server.
    connectTimeout: Math.max(timeoutMs, 5_000),
    enableKeepAlive: true,
  };
  const pool = mysql.createPool({ ...options, connectionLimit: config.poolSize });
  // Cancels need their own connection: the pool may be full of the very queries to cancel.
  const canceller = mysql.createPool({ ...options, connectionLimit: 1, idleTimeout: 10_000 });
  // Queued before any lookup on the new connection, so every lookup runs read-only.
  pool.pool.on('connection', (connection) => connection.query('SET SESSION TRANSACTION READ ONLY', () => {}));
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= Promise.all([pool.end(), canceller.end()]).then(() => {}));

  const { sql, names } = toMysqlSql(config.query);
  const limited = limitRows(sql);
  let connection: mysql.PoolConnection;
  try {
    connection = await pool.getConnection();
  } catch (error) {
    await close();
    throw new ConfigError([{ path: 'source.url', message: `cannot connect to ${shown}: ${hidePassword(error, config.url)}` }], undefined, { cause: error });
  }
  let columns: string[];
  try {
    const [, fields] = await connection.execute(limited(0), new Array<null>(names.length).fill(null));
    columns = fields.map((f) => f.name);
    connection.release();
  } catch (error) {
    connection.destroy();
    await close();
    const message = `the server refuses it (it must be one SELECT): ${hidePassword(error, config.url)}`;
    throw new ConfigError([{ path: 'source.query', message }], undefined, { cause: error });
  }

  const leases: ConnectionLeases<mysql.PoolConnection> = {
    acquire: () => pool.getConnection(),
    release: (c, destroy) => (destroy ? c.destroy() : c.release()),
    async cancel(c) {
      // A thread id is an integer the server gave us; KILL takes no placeholder.
      if (Number.isSafeInteger(c.threadId)) await canceller.query(`KILL QUERY ${c.threadId}`);
    },
  };

  return {
    columns,
    async lookup(params, limit, signal) {
      const values = bindValues(names, params);
      const text = limited(limit);
      const [rows] = await runAbortable(leases, signal, (c) => c.execute<mysql.RowDataPacket[]>(text, values));
      return rows as Row[];
    },
    async ready() {
      await pool.query('SELECT 1');
    },
    close,
  };
}
