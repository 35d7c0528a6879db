import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test-utils/run-cli.js';
import { configValue } from '../harness.test.helper.js';
import { parseConfig } from '../config/parse.js';
import { apiView } from '../config/apis.js';
import { openSource } from './index.js';
import { comparedColumn, storedFormWarnings } from './normalize-check.js';
import { sampleSql } from './normalize-sample.js';
import { DASHED, PHONES } from './test-utils/stored-form.js';
import { MYSQL_URL, POSTGRES_URL, probeMysql, probePostgres, skipUnless, uniqueTable } from './test-utils/services.js';

const dir = mkdtempSync(join(tmpdir(), 'custlink-normalize-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = (source: Record<string, unknown>) => {
  const parsed = parseConfig(configValue('x.sqlite', { lookup: { callNum: { required: true, maxLength: 20, normalize: 'phone-kr' } }, source, result: { userName: 'name' } }));
  return apiView(parsed, parsed.apis[0]!);
};

describe('comparedColumn', () => {
  it.each([
    ['SELECT name FROM customers WHERE phone = :callNum', { column: 'phone', from: 'customers' }],
    ['SELECT name FROM customers c WHERE c.phone=:callNum::text LIMIT 2', { column: 'c.phone', from: 'customers c' }],
    ['SELECT name FROM "고객" WHERE :callNum = "전화"', { column: '"전화"', from: '"고객"' }],
    ['SELECT name FROM `crm`.`c` WHERE active = 1 AND `c`.`phone` = :callNum;', { column: '`c`.`phone`', from: '`crm`.`c`' }],
    ["SELECT name FROM customers WHERE replace(phone, '-', '') = :callNum", undefined],
    ['SELECT name FROM (SELECT * FROM c) t WHERE phone = :callNum', undefined],
    // A comment would swallow the sample's WHERE and LIMIT; a `;` would end its statement.
    ['SELECT name FROM customers -- all of them\nWHERE phone = :callNum', undefined],
    ['SELECT name FROM customers /* all */ WHERE phone = :callNum', undefined],
    ['SELECT name FROM customers; SELECT name FROM c WHERE phone = :callNum', undefined],
  ])('%s', (query, expected) => {
    expect(comparedColumn(query, 'callNum')).toEqual(expected);
  });
});

describe('sampleSql', () => {
  it('is one SELECT bounded by LIMIT, and refuses what is not a column and plain tables', () => {
    expect(sampleSql('c.phone', 'customers c', 100)).toBe('SELECT c.phone\nFROM customers c\nWHERE c.phone IS NOT NULL\nLIMIT 100');
    expect(() => sampleSql('phone; DROP TABLE c', 'c', 100)).toThrow('is not a column name');
    expect(() => sampleSql('phone', 'c -- x', 100)).toThrow('is not a plain list of tables');
    expect(() => sampleSql('phone', 'c', 0)).toThrow('is not a positive integer');
  });
});

describe('storedFormWarnings', () => {
  it('sqlite: names the item and the column, masks the example; silent once stored normalized; says what it could not check', async () => {
    const file = join(dir, 'dashed.sqlite');
    const csv = ['name,phone', ...PHONES.map((p, i) => `n${i},${p}`)].join('\n');
    writeFileSync(join(dir, 'x.csv'), csv);
    expect((await runCli(['import', join(dir, 'x.csv'), '--db', file])).code).toBe(0);
    const check = async (query: string) => {
      const api = config({ type: 'sqlite', file, query });
      const source = await openSource(api);
      try {
        return await storedFormWarnings(api, source);
      } finally {
        await source.close();
      }
    };
    const query = 'SELECT name FROM customers WHERE phone = :callNum';
    const warnings = await check(query);
    expect(warnings).toEqual([DASHED]);
    expect(warnings.join()).not.toContain('1234-0007');

    expect((await runCli(['import', join(dir, 'x.csv'), '--db', file, '--replace', '--normalize', 'phone=phone-kr'])).code).toBe(0);
    expect(await check(query)).toEqual([]);
    expect(await check("SELECT name FROM customers WHERE replace(phone, '-', '') = :callNum")).toEqual([
      'lookup item callNum (normalize: phone-kr): the stored form was not checked: source.query does not compare a plain column with :callNum (<column> = :callNum)',
    ]);
  });

  const rows = `${PHONES.map((p, i) => `('n${i}', '${p}')`).join(', ')}, ('extra', '010-9999-9999')`;
  /**
   * Every backend, the table holding `PHONES` and one more row. `open` gives the source config of
   * a login that has room for ONE connection (PostgreSQL: CONNECTION LIMIT 1; MariaDB:
   * MAX_USER_CONNECTIONS 1; SQLite: the file's path is gone once opened): the source's own, so a
   * sample on a connection of its own is refused where one through the source is not.
   */
  const backends = [
    {
      name: 'SQLite',
      skip: async () => false,
      async open(table: string) {
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
      async open(table: string) {
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
      async open(table: string) {
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
  it.each(backends)('$name: samples the compared column through the open source, with no connection of its own', async ({ skip, open }, context) => {
    if (await skip()) context.skip();
    const table = uniqueTable('stored_form');
    const { source: value, opened, drop } = await open(table);
    try {
      const api = config({ ...value, query: `SELECT name FROM ${table} t WHERE t.phone = :callNum` });
      const source = await openSource(api);
      try {
        opened();
        // LIMIT 100 of 101 rows: the first 100 inserted on a fresh heap table.
        expect(await storedFormWarnings(api, source)).toEqual([DASHED.replaceAll(' phone values', ' t.phone values')]);
      } finally {
        await source.close();
      }
    } finally {
      await drop();
    }
  });

  it('says so, naming the column, when the sample does not answer in time', async () => {
    const api = config({ type: 'postgres', url: POSTGRES_URL, query: 'SELECT name FROM c t WHERE t.phone = :callNum' });
    const slow = { lookup: async () => [], ready: async () => {}, close: async () => {}, sampleColumn: (_c: string, _f: string, _l: number, signal: AbortSignal) => new Promise<unknown[]>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))) };
    expect(await storedFormWarnings(api, slow, 50)).toEqual([
      'lookup item callNum (normalize: phone-kr): the stored form of t.phone was not checked: sampling it failed: The operation was aborted due to timeout',
    ]);
  });
});
