import Database from 'better-sqlite3';
import type { ApiEndpointConfig } from '../config/types.js';
import { hidePassword } from './sql-pool.js';

/**
 * Runs one bounded read-only SELECT without parameters on the config's SQL source, over a
 * connection of its own (the source's pool stays as it is), and returns the first column of each
 * row. `undefined` for a source that is not SQL. Used once at start, so connecting per call is fine.
 *
 * @example
 * await sampleColumn(config, 'SELECT phone FROM customers WHERE phone IS NOT NULL LIMIT 100') // ['01012345678', ...]
 */
export async function sampleColumn(config: ApiEndpointConfig, sql: string, timeoutMs = 5_000): Promise<unknown[] | undefined> {
  const source = config.source;
  switch (source.type) {
    case 'sqlite': {
      const db = new Database(source.file, { readonly: true, fileMustExist: true, timeout: timeoutMs });
      try {
        return db.prepare(sql).pluck().all();
      } finally {
        db.close();
      }
    }
    case 'postgres': {
      const { default: pg } = await import('pg');
      const client = new pg.Client({
        connectionString: source.url,
        connectionTimeoutMillis: timeoutMs,
        statement_timeout: timeoutMs,
        application_name: 'custlink-normalize-check',
        options: '-c default_transaction_read_only=on',
      });
      client.on('error', () => {});
      try {
        await client.connect();
        return (await client.query({ text: sql, rowMode: 'array' })).rows.map((row: unknown[]) => row[0]);
      } catch (error) {
        throw new Error(hidePassword(error, source.url), { cause: error });
      } finally {
        await client.end().catch(() => {});
      }
    }
    case 'mysql': {
      const { default: mysql } = await import('mysql2/promise');
      let connection: import('mysql2/promise').Connection | undefined;
      try {
        connection = await mysql.createConnection({ uri: source.url, connectTimeout: timeoutMs, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
        const [rows] = await connection.query({ sql, rowsAsArray: true, timeout: timeoutMs });
        return (rows as unknown[][]).map((row) => row[0]);
      } catch (error) {
        throw new Error(hidePassword(error, source.url), { cause: error });
      } finally {
        await connection?.end().catch(() => {});
      }
    }
    default:
      return undefined;
  }
}
