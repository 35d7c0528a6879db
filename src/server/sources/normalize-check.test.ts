import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test-utils/run-cli.js';
import { configValue } from '../harness.test.helper.js';
import { parseConfig } from '../config/parse.js';
import { comparedColumn, normalizeWarnings } from './normalize-check.js';
import { MYSQL_URL, POSTGRES_URL, probeMysql, probePostgres, skipUnless, uniqueTable } from './test-utils/services.js';
import { apiView } from '../config/apis.js';

const dir = mkdtempSync(join(tmpdir(), 'custlink-normalize-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 100 phones, 3 of them stored with dashes; '010-****-0007' is the first dashed one, masked. */
const PHONES = Array.from({ length: 100 }, (_, i) => (i % 40 === 7 ? `010-1234-${String(i).padStart(4, '0')}` : `0101234${String(i).padStart(4, '0')}`));
const DASHED = `lookup item callNum (normalize: phone-kr): 3 of 100 sampled phone values are not in phone-kr form (e.g. 010-****-0007), so lookups, which send 010****0007, do not find them; store them in that form (custlink import --normalize phone=phone-kr) or normalize the column in source.query`;

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
  ])('%s', (query, expected) => {
    expect(comparedColumn(query, 'callNum')).toEqual(expected);
  });
});

describe('normalizeWarnings', () => {
  it('sqlite: names the item and the column, masks the example; silent once stored normalized; says what it could not check', async () => {
    const file = join(dir, 'dashed.sqlite');
    const csv = ['name,phone', ...PHONES.map((p, i) => `n${i},${p}`)].join('\n');
    writeFileSync(join(dir, 'x.csv'), csv);
    expect((await runCli(['import', join(dir, 'x.csv'), '--db', file])).code).toBe(0);
    const query = 'SELECT name FROM customers WHERE phone = :callNum';
    const warnings = await normalizeWarnings(config({ type: 'sqlite', file, query }));
    expect(warnings).toEqual([DASHED]);
    expect(warnings.join()).not.toContain('1234-0007');

    expect((await runCli(['import', join(dir, 'x.csv'), '--db', file, '--replace', '--normalize', 'phone=phone-kr'])).code).toBe(0);
    expect(await normalizeWarnings(config({ type: 'sqlite', file, query }))).toEqual([]);
    expect(await normalizeWarnings(config({ type: 'sqlite', file, query: "SELECT name FROM customers WHERE replace(phone, '-', '') = :callNum" }))).toEqual([
      'lookup item callNum (normalize: phone-kr): the stored form was not checked: source.query does not compare a plain column with :callNum (<column> = :callNum)',
    ]);
  });

  it('serve --check prints it for a CSV imported as is', async () => {
    const file = join(dir, 'check.sqlite');
    writeFileSync(join(dir, 'y.csv'), ['name,phone', ...PHONES.map((p, i) => `n${i},${p}`)].join('\n'));
    expect((await runCli(['import', join(dir, 'y.csv'), '--db', file, '--index', 'phone'])).code).toBe(0);
    const yaml = join(dir, 'check.yaml');
    const value = configValue(file, { lookup: { callNum: { required: true, maxLength: 20, normalize: 'phone-kr' } }, result: { userName: 'name' } });
    writeFileSync(yaml, stringify({ ...value, source: { type: 'sqlite', file, query: 'SELECT name FROM customers WHERE phone = :callNum' } }));
    const r = await runCli(['serve', '--config', yaml, '--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  warning: ${DASHED}\n`);
  });

  const servers = [
    {
      name: 'PostgreSQL',
      url: POSTGRES_URL,
      probe: probePostgres,
      async exec(sql: string) {
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        await client.query(sql);
        await client.end();
      },
    },
    {
      name: 'MariaDB',
      url: MYSQL_URL,
      probe: probeMysql,
      async exec(sql: string) {
        const connection = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true });
        await connection.query(sql);
        await connection.end();
      },
    },
  ];
  for (const server of servers) {
    it(`${server.name}: samples the compared column with a bounded query`, async ({ skip }) => {
      if (await skipUnless(server.name, server.url, server.probe)) skip();
      const table = uniqueTable('normalize_check');
      await server.exec(`CREATE TABLE ${table} (name VARCHAR(20), phone VARCHAR(20)); INSERT INTO ${table} VALUES ${PHONES.map((p, i) => `('n${i}', '${p}')`).join(', ')}, ('extra', '010-9999-9999')`);
      try {
        const type = server.name === 'PostgreSQL' ? 'postgres' : 'mysql';
        const warnings = await normalizeWarnings(config({ type, url: server.url, query: `SELECT name FROM ${table} t WHERE t.phone = :callNum` }));
        // LIMIT 100 of 101 rows: the first 100 inserted on a fresh heap table.
        expect(warnings).toEqual([DASHED.replaceAll(' phone values', ' t.phone values')]);
      } finally {
        await server.exec(`DROP TABLE ${table}`);
      }
    });
  }
});
