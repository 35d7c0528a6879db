/** Stored values for the tests of the stored-form check of `normalize` (normalize-check.ts). */
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { KEY } from '../../harness.test.helper.js';
import { MYSQL_URL, POSTGRES_URL, probeMysql, probePostgres, skipUnless } from './services.js';

/** 100 phones, 3 of them stored with dashes; '010-****-0007' is the first dashed one, masked. */
export const PHONES = Array.from({ length: 100 }, (_, i) => (i % 40 === 7 ? `010-1234-${String(i).padStart(4, '0')}` : `0101234${String(i).padStart(4, '0')}`));

/** What the check says of `PHONES` in column `phone`, for lookup item callNum with `normalize: phone-kr`. */
export const DASHED =
  'lookup item callNum (normalize: phone-kr): 3 of 100 sampled phone values are not in phone-kr form (e.g. 010-****-0007), ' +
  'so lookups, which send 010****0007, do not find them; store them in that form (custlink import --normalize phone=phone-kr) or normalize the column in source.query';

/**
 * Writes a new SQLite file whose `customers (name, phone)`, indexed by phone, holds `PHONES`, and a config value for it
 * whose lookup item callNum has `normalize: phone-kr` (override any top-level key).
 *
 * @example
 * writeFileSync(yaml, stringify(dashedPhones(join(dir, 'dashed.sqlite'))));
 */
export function dashedPhones(file: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const db = new Database(file);
  db.exec('CREATE TABLE customers (name TEXT, phone TEXT); CREATE INDEX customers_phone ON customers(phone)');
  const insert = db.prepare('INSERT INTO customers VALUES (?, ?)');
  db.transaction(() => PHONES.forEach((phone, i) => insert.run(`n${i}`, phone)))();
  db.close();
  return {
    listen: { host: '127.0.0.1', port: 0, path: '/lookup' },
    auth: { keys: [KEY] },
    lookup: { callNum: { required: true, maxLength: 20, normalize: 'phone-kr' } },
    source: { type: 'sqlite', file, query: 'SELECT name FROM customers WHERE phone = :callNum' },
    result: { userName: 'name' },
    ...overrides,
  };
}

/** One database of `oneConnectionBackends`. */
export interface OneConnectionBackend {
  name: string;
  /** From `skipUnless` (never in CI). */
  skip(): Promise<boolean>;
  /**
   * Creates `table (name, phone)` holding `PHONES` and one more row, and answers its source config
   * (without `query`), what to do once the source is open, and how to drop it all.
   */
  open(table: string): Promise<{ source: Record<string, unknown>; opened(): void; drop(): Promise<void> }>;
}

/**
 * Every SQL backend, each with a login that has room for ONE connection (PostgreSQL: CONNECTION
 * LIMIT 1; MariaDB: MAX_USER_CONNECTIONS 1; SQLite: the file's path is gone once opened): the
 * source's own, so a query on a connection of its own is refused where one through the source is not.
 *
 * @example
 * it.each(oneConnectionBackends(dir))('$name: ...', async ({ skip, open }, context) => { ... });
 */
export function oneConnectionBackends(dir: string): OneConnectionBackend[] {
  const rows = `${PHONES.map((p, i) => `('n${i}', '${p}')`).join(', ')}, ('extra', '010-9999-9999')`;
  return [
    {
      name: 'SQLite',
      skip: async () => false,
      async open(table) {
        const file = join(dir, `${table}.sqlite`);
        const db = new Database(file);
        db.exec(`CREATE TABLE ${table} (name TEXT, phone TEXT); INSERT INTO ${table} VALUES ${rows}`);
        db.close();
        return { source: { type: 'sqlite', file }, opened: () => unlinkSync(file), drop: async () => {} };
      },
    },
    {
      name: 'PostgreSQL',
      skip: () => skipUnless('PostgreSQL', POSTGRES_URL, probePostgres),
      async open(table) {
        const exec = async (sql: string) => {
          const client = new pg.Client({ connectionString: POSTGRES_URL });
          await client.connect();
          await client.query(sql).finally(() => client.end());
        };
        const role = `${table}_reader`;
        await exec(`CREATE TABLE ${table} (name VARCHAR(20), phone VARCHAR(20)); INSERT INTO ${table} VALUES ${rows};
          CREATE ROLE ${role} LOGIN CONNECTION LIMIT 1; GRANT SELECT ON ${table} TO ${role}`);
        const url = new URL(POSTGRES_URL);
        url.username = role;
        url.password = '';
        return { source: { type: 'postgres', url: url.href }, opened: () => {}, drop: () => exec(`DROP TABLE ${table}; DROP ROLE ${role}`) };
      },
    },
    {
      name: 'MariaDB',
      skip: () => skipUnless('MariaDB', MYSQL_URL, probeMysql),
      async open(table) {
        const exec = async (sql: string) => {
          const connection = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true });
          await connection.query(sql).finally(() => connection.end());
        };
        const user = `${table}_reader`;
        await exec(`CREATE TABLE ${table} (name VARCHAR(20), phone VARCHAR(20)); INSERT INTO ${table} VALUES ${rows};
          CREATE USER '${user}'@'%' IDENTIFIED BY 'one-connection' WITH MAX_USER_CONNECTIONS 1; GRANT SELECT ON ${table} TO '${user}'@'%'`);
        const url = new URL(MYSQL_URL);
        url.username = user;
        url.password = 'one-connection';
        return { source: { type: 'mysql', url: url.href }, opened: () => {}, drop: () => exec(`DROP TABLE ${table}; DROP USER '${user}'@'%'`) };
      },
    },
  ];
}
