import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MYSQL_URL, POSTGRES_URL, probeMysql, probePostgres, skipUnless, uniqueTable } from '../../server/sources/test-utils/services.js';
import { runCli, startTsxChild } from '../test-utils/run-cli.js';

const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));
const KEY = 'bf7769e5321448de88838cdb';
const UNMASKED_PHONE = /01\d-?\d{4}-?\d{4}/;

/** One database server the wizard onboards: how to make its 50,000-row table and what its plan warning says. */
interface ServerCase {
  name: string;
  url: string;
  skip: boolean;
  /** `--table` as the user writes it. */
  table: string;
  /** The login the written config uses, and its password under DB_PASSWORD. */
  role: string;
  password: string;
  setUp(): Promise<void>;
  createIndex(): Promise<void>;
  tearDown(): Promise<void>;
  /** What `serve --check` tells to run while the key column has no index. */
  indexAdvice: string;
}

async function pgExec(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function myExec(...statements: string[]): Promise<void> {
  const connection = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: false });
  try {
    for (const statement of statements) await connection.query(statement);
  } finally {
    await connection.end();
  }
}

function postgresCase(skip: boolean): ServerCase {
  const schema = uniqueTable('fromdb');
  const role = `${schema}_ro`;
  return {
    name: 'PostgreSQL',
    url: POSTGRES_URL,
    skip,
    table: `${schema}.회원`,
    role,
    password: 'pw',
    setUp: () =>
      pgExec(`CREATE SCHEMA ${schema};
        CREATE TABLE ${schema}."회원" ("회원번호" bigint PRIMARY KEY, "이름" text, "휴대폰" varchar(20), jumin_no varchar(14), "등급" text);
        INSERT INTO ${schema}."회원" SELECT g, '홍길동' || g, '010-' || lpad((g / 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
          '900101-1' || lpad((g % 1000000)::text, 6, '0'), 'GOLD' FROM generate_series(1, 50000) g;
        ANALYZE ${schema}."회원";
        CREATE ROLE ${role} LOGIN PASSWORD 'pw'; GRANT USAGE ON SCHEMA ${schema} TO ${role}; GRANT SELECT ON ${schema}."회원" TO ${role}`),
    createIndex: () => pgExec(`CREATE INDEX ON ${schema}."회원" ("휴대폰"); ANALYZE ${schema}."회원"`),
    tearDown: () => pgExec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP OWNED BY ${role}; DROP ROLE IF EXISTS ${role}`),
    indexAdvice: `run CREATE INDEX ON "${schema}"."회원" ("휴대폰")`,
  };
}

function mariadbCase(skip: boolean): ServerCase {
  const table = `${uniqueTable('fromdb')}_회원`;
  return {
    name: 'MariaDB',
    url: MYSQL_URL,
    skip,
    table: `test.${table}`,
    role: 'root',
    password: '',
    setUp: () =>
      myExec(
        `CREATE TABLE \`${table}\` (회원번호 BIGINT PRIMARY KEY, 이름 VARCHAR(40), 휴대폰 VARCHAR(20), jumin_no VARCHAR(14), 등급 VARCHAR(10)) DEFAULT CHARSET=utf8mb4`,
        // MariaDB stops a recursive CTE after 1,000 rounds unless told otherwise.
        'SET SESSION max_recursive_iterations = 100000',
        `INSERT INTO \`${table}\` WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 50000)
          SELECT n, CONCAT('홍길동', n), CONCAT('010-', LPAD(n DIV 10000, 4, '0'), '-', LPAD(n MOD 10000, 4, '0')),
                 CONCAT('900101-1', LPAD(n MOD 1000000, 6, '0')), 'GOLD' FROM g`,
        `ANALYZE TABLE \`${table}\``,
      ),
    createIndex: () => myExec(`CREATE INDEX fromdb_hp ON \`${table}\` (휴대폰)`, `ANALYZE TABLE \`${table}\``),
    tearDown: () => myExec(`DROP TABLE IF EXISTS \`${table}\``),
    indexAdvice: `run CREATE INDEX custlink_lookup ON \`test\`.\`${table}\` (\`휴대폰\`)`,
  };
}

const CASES = [postgresCase(await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres)), mariadbCase(await skipUnless('MariaDB', MYSQL_URL, probeMysql))];

// Own database to a first 200: the wizard's flags, serve --check's EXPLAIN, then `custlink call`.
describe.each(CASES)('custlink init --from-db, serve --check, custlink call ($name)', (db) => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-from-db-servers-'));
  beforeAll(async () => {
    if (!db.skip) await db.setUp();
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!db.skip) await db.tearDown();
  });

  it.skipIf(db.skip)('dashed phones, no index: the warning names the statement; with the index: clean, and both spellings of a number answer 200 masked', async () => {
    const out = join(dir, 'custlink.yaml');
    const init = await runCli(['init', '--from-db', db.url, '--table', db.table, '--key', '휴대폰', '--role', db.role, '--yes', '--out', out], '', { CI: 'true' });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout + init.stderr).not.toMatch(UNMASKED_PHONE);
    expect(init.stdout).toContain('has no index');
    const config = parse(readFileSync(out, 'utf8')) as { lookup: Record<string, { normalize?: string; pattern?: string }>; result: Record<string, unknown> };
    expect(config.lookup.callNum?.normalize).toBe('phone-kr-dashed');
    expect(Object.keys(config.result)).toEqual(['memberId', 'userName', 'phone']);

    const env = { CUSTLINK_KEY: KEY, DB_PASSWORD: db.password };
    const before = await runCli(['serve', '--check', '--config', out], '', env);
    expect(before.code, before.stdout + before.stderr).toBe(0);
    expect(before.stdout + before.stderr).toContain(db.indexAdvice);
    expect(before.stdout + before.stderr).not.toContain('stored form');
    expect(before.stdout + before.stderr).not.toContain('not checked');

    await db.createIndex();
    const after = await runCli(['serve', '--check', '--config', out], '', env);
    expect(after.code, after.stdout + after.stderr).toBe(0);
    expect(after.stdout + after.stderr).not.toMatch(/warning|not checked|stored form/);

    const child = await startTsxChild(BIN, ['serve', '--config', out, '--port', '0'], /listening on (http:\S+)/, { env });
    try {
      for (const callNum of ['010-0004-2345', '+82 10 0004 2345']) {
        const call = await runCli(['call', child.url, '--key', KEY, '--output', 'json', `callNum=${callNum}`]);
        expect(call.code, call.stdout + call.stderr).toBe(0);
        const shown = JSON.parse(call.stdout) as { status: number; data?: Record<string, string> };
        expect(shown.status).toBe(200);
        expect(shown.data).toMatchObject({ memberId: '42345', phone: '010-****-2345' });
        expect(shown.data?.userName).toMatch(/^홍\*+/);
        expect(shown.data?.userName).not.toContain('42345');
      }
    } finally {
      expect(await child.stop()).toBe(0);
    }
    expect(child.stdout() + child.stderr()).not.toMatch(UNMASKED_PHONE);
  }, 90_000);
});
