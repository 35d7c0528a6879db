import mysql from 'mysql2/promise';
import pg from 'pg';
import { copyDemoCustomers, dropDemoTable, testDatabaseUrl, type BenchSqlSource } from '../sql-source.js';

/**
 * A table and a database identity of this run's own, so the soak can end exactly the endpoint's
 * sessions on a server other tests share: PostgreSQL sessions carry a unique `application_name`
 * (set in the source URL, which the driver lets override custlink's own), MariaDB sessions log in
 * as a unique user.
 */
export interface SqlSessions {
  /** The URL the endpoint's source connects with. */
  url: string;
  table: string;
  /** Ends every session of the endpoint (`pg_terminate_backend` / `KILL CONNECTION`); how many. */
  terminate(): Promise<number>;
  /** Drops the table (and the user). */
  cleanup(): Promise<void>;
}

/**
 * Copies the demo customers into a fresh table and sets up the identity that marks the endpoint's
 * sessions.
 *
 * @example
 * const sessions = await openSqlSessions('mysql', { sqliteFile: 'data/soak/demo.sqlite', rows: 20_000 });
 * await sessions.terminate(); // e.g. 5
 */
export async function openSqlSessions(kind: BenchSqlSource, { sqliteFile, rows }: { sqliteFile: string; rows: number }): Promise<SqlSessions> {
  const admin = testDatabaseUrl(kind);
  const name = `custlink_soak_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await copyDemoCustomers(kind, admin, { sqliteFile, rows, table: name });
  try {
    return kind === 'postgres' ? postgresSessions(admin, name) : await mysqlSessions(admin, name);
  } catch (error) {
    await dropDemoTable(kind, admin, name);
    throw error;
  }
}

function postgresSessions(admin: string, name: string): SqlSessions {
  const url = new URL(admin);
  url.searchParams.set('application_name', name);
  return {
    url: url.toString(),
    table: name,
    async terminate() {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        const killed = await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [name]);
        return killed.rowCount ?? 0;
      } finally {
        await client.end();
      }
    },
    cleanup: () => dropDemoTable('postgres', admin, name),
  };
}

async function mysqlSessions(admin: string, name: string): Promise<SqlSessions> {
  const url = new URL(admin);
  const database = url.pathname.slice(1);
  const connect = () => mysql.createConnection({ uri: admin });
  const root = await connect();
  try {
    await root.query('CREATE USER ?@? ', [name, url.hostname]);
    await root.query(`GRANT SELECT ON \`${database}\`.\`${name}\` TO ?@?`, [name, url.hostname]);
  } finally {
    await root.end();
  }
  url.username = name;
  url.password = '';
  return {
    url: url.toString(),
    table: name,
    async terminate() {
      const connection = await connect();
      try {
        const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT id FROM information_schema.processlist WHERE user = ?', [name]);
        let killed = 0;
        for (const { id } of rows) {
          // A thread id is an integer the server gave us; KILL takes no placeholder.
          if (Number.isSafeInteger(id)) killed += await connection.query(`KILL CONNECTION ${id as number}`).then(() => 1, () => 0);
        }
        return killed;
      } finally {
        await connection.end();
      }
    },
    async cleanup() {
      const connection = await connect();
      try {
        await connection.query('DROP USER IF EXISTS ?@?', [name, url.hostname]);
      } finally {
        await connection.end();
      }
      await dropDemoTable('mysql', admin, name);
    },
  };
}
