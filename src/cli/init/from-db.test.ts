import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createClient } from '../../client/index.js';
import { POSTGRES_URL, probePostgres, skipUnless } from '../../server/sources/test-utils/services.js';
import { runCli, startTsxChild } from '../test-utils/run-cli.js';

const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'custlink-init-from-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = 'from-db-test-key';
/** A phone number as the sampled output would show it in clear, or a 주민등록번호. */
const UNMASKED_PHONE = /01\d-?\d{4}-?\d{4}/;
const UNMASKED_RRN = /\d{6}-\d{7}/;

const skip = await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres);

describe.skipIf(skip)('custlink init --from-db postgres://', () => {
  const suffix = randomBytes(4).toString('hex');
  const schema = `init_from_db_${suffix}`;
  const role = `custlink_ro_${suffix}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });

  beforeAll(async () => {
    await admin.connect();
    // 50,000 members: the dashed phone of member g is 010-(g / 10000)-(g % 10000).
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE TABLE "${schema}"."회원" ("회원번호" bigint PRIMARY KEY, "이름" text, "휴대폰" text, "주민번호" text)`);
    await admin.query(`INSERT INTO "${schema}"."회원"
      SELECT g, '홍길' || chr(44032 + g % 100), '010-' || lpad((g / 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
             '900101-1' || lpad(g::text, 6, '0')
        FROM generate_series(1, 50000) g`);
    await admin.query(`CREATE INDEX ON "${schema}"."회원" ("휴대폰")`);
    await admin.query(`CREATE TABLE "${schema}".orders (order_no text, cust_email text)`);
  });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`DROP OWNED BY "${role}"`).catch(() => {});
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it('writes a config that serve --check accepts and that answers a signed lookup with the masked 이름, 주민번호 left out', async () => {
    const out = join(dir, 'members.yaml');
    const init = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--key', '휴대폰', '--yes', '--out', out, '--role', role], '', { CI: 'true' });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const printed = init.stdout + init.stderr;
    expect(printed).not.toMatch(UNMASKED_PHONE);
    expect(printed).not.toMatch(UNMASKED_RRN);
    expect(printed).not.toMatch(/홍길[가-힣]/);
    expect(printed).toContain('고유식별정보');
    expect(printed).toContain('2-year');
    // The key column has an index: no CREATE INDEX to run.
    expect(printed).not.toContain('CREATE INDEX');

    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('주민번호');
    const config = parse(text) as { lookup: Record<string, { normalize?: string }>; source: { url: string; query: string }; result: Record<string, unknown> };
    expect(config.lookup.callNum?.normalize).toBe('phone-kr-dashed');
    expect(config.source.url).toBe(`postgres://${role}:\${DB_PASSWORD}@127.0.0.1:5432/test`);
    expect(config.source.query).toContain(`"${schema}"."회원"`);
    expect(Object.keys(config.result)).toEqual(['memberId', 'userName', 'phone']);

    // The printed SQL makes the login the config uses (trust auth: any password).
    const statements = printed.split('\n').filter((l) => /^\s+(CREATE ROLE|GRANT)/.test(l));
    expect(statements.map((s) => s.trim().split(' ')[0])).toEqual(['CREATE', 'GRANT', 'GRANT', 'GRANT']);
    for (const statement of statements) await admin.query(statement.replace(/--.*$/, ''));

    const env = { CUSTLINK_KEY: KEY, DB_PASSWORD: 'unused-under-trust' };
    const check = await runCli(['serve', '--config', out, '--check'], '', env);
    expect(check.stdout + check.stderr).not.toMatch(/error/i);
    expect(check.code).toBe(0);

    const child = await startTsxChild(BIN, ['serve', '--config', out, '--port', '0'], /listening on (http:\S+)/, { env });
    try {
      const client = createClient({ url: child.url, key: KEY });
      const member = 12_345;
      const expected = { memberId: String(member), userName: `홍*${String.fromCharCode(44032 + (member % 100))}`, phone: '010-****-2345' };
      for (const callNum of ['010-0001-2345', '+82 10 0001 2345']) {
        const answer = await client.lookup({ callNum });
        expect([answer.status, answer.data]).toEqual([200, expected]);
      }
      // A well-formed number in no row passes the pattern and is NOT_FOUND (조회 결과가 없습니다).
      const missing = await client.lookup({ callNum: '010-9999-9999' });
      expect([missing.status, missing.error?.code]).toEqual([400, 'NOT_FOUND']);
    } finally {
      expect(await child.stop()).toBe(0);
    }
    expect(child.stdout() + child.stderr()).not.toMatch(UNMASKED_PHONE);
  }, 60_000);

  it('without a terminal, a missing answer exits 2 naming the flag and the choices', async () => {
    const out = join(dir, 'missing.yaml');
    const noTable = await runCli(['init', '--from-db', POSTGRES_URL, '--key', '휴대폰', '--yes', '--out', out], '', { CI: 'true' });
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toMatch(/--table is required without a terminal: one of .*/);
    const noKey = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--yes', '--out', out], '', { CI: 'true' });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--key is required without a terminal: one of 회원번호, 휴대폰, 이름');
    const noYes = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--key', '휴대폰', '--out', out], '', { CI: 'true' });
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('--yes is required without a terminal');
    const rrnKey = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--key', '주민번호', '--yes', '--out', out], '', { CI: 'true' });
    expect(rrnKey.code).toBe(2);
    expect(rrnKey.stderr).toContain('주민등록번호');
    expect(() => readFileSync(out)).toThrow();
  });

  it('returns a 주민번호 column only when --include-column names it, masked to the birth date, with the 2-year note', async () => {
    const out = join(dir, 'with-rrn.yaml');
    const init = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--key', '휴대폰', '--include-column', '주민번호', '--yes', '--out', out], '', { CI: 'true' });
    expect(init.code).toBe(0);
    expect(init.stdout).not.toMatch(UNMASKED_RRN);
    expect(init.stdout).toContain('keep the access records (접속기록) 2 years (audit.keepDays: 730)');
    const config = parse(readFileSync(out, 'utf8')) as { source: { query: string }; result: Record<string, { column: string; mask?: unknown }> };
    expect(config.result.residentNo).toEqual({ column: '주민번호', mask: { keepFirst: 6, keepLast: 0 } });
    expect(config.source.query).toContain('"주민번호"');
    const unknown = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--key', '휴대폰', '--include-column', '주민', '--yes', '--out', join(dir, 'x.yaml')], '', { CI: 'true' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--include-column 주민: ');
  });

  it('prints the CREATE INDEX a key column without an index needs, and runs none', async () => {
    const out = join(dir, 'orders.yaml');
    const init = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.orders`, '--key', 'cust_email', '--yes', '--out', out], '', { CI: 'true' });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`CREATE INDEX CONCURRENTLY "orders_cust_email_idx" ON "${schema}"."orders" ("cust_email");`);
    const indexes = await admin.query(`SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND tablename = 'orders'`, [schema]);
    expect(indexes.rowCount).toBe(0);
    const config = parse(readFileSync(out, 'utf8')) as { lookup: Record<string, { normalize?: string }> };
    expect(config.lookup.email?.normalize).toBe('lower');
  });
});

describe('custlink init --from-db FILE.sqlite', () => {
  it('reads the pragmas, proposes the digits phone as callNum with phone-kr, and the config passes serve --check', async () => {
    const file = join(dir, 'crm.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE member (mem_no INTEGER, mem_nm TEXT, hp TEXT, jumin TEXT)');
    const insert = db.prepare('INSERT INTO member VALUES (?, ?, ?, ?)');
    for (let i = 1; i <= 300; i++) insert.run(i, `김철${i % 10}`, `0109876${String(i).padStart(4, '0')}`, `8501012${String(i).padStart(6, '0')}`);
    db.close();
    const out = join(dir, 'sqlite.yaml');
    const init = await runCli(['init', '--from-db', file, '--table', 'member', '--key', 'hp', '--yes', '--out', out], '', { CI: 'true' });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).not.toMatch(/0109876\d{4}/);
    expect(init.stdout).toContain('CREATE INDEX "member_hp_idx" ON "member" ("hp");');
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('jumin');
    const config = parse(text) as { lookup: Record<string, { normalize?: string }>; source: { file: string } };
    expect(config.lookup.callNum?.normalize).toBe('phone-kr');
    expect(config.source.file).toBe('crm.sqlite');
    const check = await runCli(['serve', '--config', out, '--check'], '', { CUSTLINK_KEY: KEY });
    expect(check.code).toBe(0);
  });
});
