import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test-utils/run-cli.js';
import { configValue } from '../harness.test.helper.js';
import { parseConfig } from '../config/parse.js';
import { apiView } from '../config/apis.js';
import { openSource } from './index.js';
import { comparedColumn, describeSample, storedFormWarnings } from './normalize-check.js';
import { sampleSql } from './normalize-sample.js';
import { DASHED, oneConnectionBackends, PHONES } from './test-utils/stored-form.js';
import { POSTGRES_URL, uniqueTable } from './test-utils/services.js';

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

  // Each login has room for the source's one connection: a sample on a connection of its own is refused.
  const backends = oneConnectionBackends(dir);
  it.each(backends)('$name: samples the compared column through the open source, with no connection of its own', async ({ name, skip, open }, context) => {
    if (await skip()) context.skip();
    const table = uniqueTable('stored_form');
    const { source: value, opened, drop } = await open(table);
    try {
      const api = config({ ...value, query: `SELECT name FROM ${table} t WHERE t.phone = :callNum` });
      const source = await openSource(api);
      try {
        opened();
        // LIMIT 100 of 101 rows: the first 100 inserted on a fresh heap table.
        const [warning] = await storedFormWarnings(api, source);
        if (name === 'SQLite') expect(warning).toBe(DASHED.replaceAll(' phone values', ' t.phone values'));
        else {
          // A table custlink does not write: never the SQLite import as the fix.
          expect(warning).toContain('3 of 100 sampled t.phone values are not in phone-kr form (e.g. 010-****-0007)');
          expect(warning).not.toContain('custlink import');
          expect(warning).toContain(name === 'PostgreSQL' ? "regexp_replace(phone, '\\D', '', 'g')" : "REGEXP_REPLACE(phone, '[^0-9]', '')");
        }
      } finally {
        await source.close();
      }
    } finally {
      await drop();
    }
  });

  it('names the normalize to set when every sampled phone is in the other form', () => {
    const about = 'lookup item callNum (normalize: phone-kr)';
    const dashed = ['010-1234-5678', '02-123-4567'];
    for (const type of ['sqlite', 'postgres', 'mysql'] as const) {
      expect(describeSample(about, 'hp_no', 'phone-kr', dashed, type)).toMatch(/every sampled value is in phone-kr-dashed form: set normalize: phone-kr-dashed on the lookup item$/);
    }
    expect(describeSample('lookup item callNum (normalize: phone-kr-dashed)', 'hp_no', 'phone-kr-dashed', ['01012345678'], 'postgres')).toMatch(/set normalize: phone-kr on the lookup item$/);
    expect(describeSample(about, 'hp_no', 'phone-kr', ['01012345678'], 'postgres')).toBeUndefined();
  });

  it('says so, naming the column, when the sample does not answer in time', async () => {
    const api = config({ type: 'postgres', url: POSTGRES_URL, query: 'SELECT name FROM c t WHERE t.phone = :callNum' });
    const slow = { lookup: async () => [], ready: async () => {}, close: async () => {}, sampleColumn: (_c: string, _f: string, _l: number, signal: AbortSignal) => new Promise<unknown[]>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))) };
    expect(await storedFormWarnings(api, slow, 50)).toEqual([
      'lookup item callNum (normalize: phone-kr): the stored form of t.phone was not checked: sampling it failed: The operation was aborted due to timeout',
    ]);
  });
});
