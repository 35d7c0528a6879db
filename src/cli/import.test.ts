import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './test-utils/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'custlink-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const csvFile = (content: string | Buffer) => {
  const path = join(dir, `${n++}.csv`);
  writeFileSync(path, content);
  return path;
};
const dbFile = () => join(dir, `db-${n++}`, 'customers.sqlite');
const rows = (db: string, sql = 'SELECT * FROM customers ORDER BY rowid') => {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).all();
  } finally {
    conn.close();
  }
};

const CUSTOMERS = [
  '\uFEFFid,name,phone,email,memo',
  '1,김민준,01011112222,minjun@example.com,"VIP, 우선 응대"',
  '2,이서연,01033334444,seoyeon@example.com,"두 줄',
  '메모"',
  '3,박도윤,01055556666', // line 4: too few fields
  '4,최하은,01077778888,haeun@example.com,"said ""call me"""',
].join('\n');

describe('custlink import', () => {
  it('imports a CSV, creates the indexes and reports rows and rejected lines', async () => {
    const db = dbFile();
    const r = await runCli(['import', csvFile(CUSTOMERS), '--db', db, '--index', 'phone,email', '--max-rejects', '25']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^imported 3 rows into customers \\(${db.replace(/[.\\/]/g, '\\$&')}\\) in [\\d.]+ s, \\d+ rows/s\n`));
    expect(r.stdout).toContain('indexes: customers_phone_idx, customers_email_idx\n');
    expect(r.stdout).toContain('rejected 1 row:\n  line 5: expected 5 fields, got 3\n');
    expect(rows(db)).toEqual([
      { id: '1', name: '김민준', phone: '01011112222', email: 'minjun@example.com', memo: 'VIP, 우선 응대' },
      { id: '2', name: '이서연', phone: '01033334444', email: 'seoyeon@example.com', memo: '두 줄\n메모' },
      { id: '4', name: '최하은', phone: '01077778888', email: 'haeun@example.com', memo: 'said "call me"' },
    ]);
    const indexes = rows(db, "PRAGMA index_list('customers')") as { name: string }[];
    expect(indexes.map((i) => i.name).sort()).toEqual(['customers_email_idx', 'customers_phone_idx']);
  });

  it('keeps stderr quiet for a short import off a terminal (progress lines come every 5 s)', async () => {
    const r = await runCli(['import', csvFile('id\n1\n'), '--db', dbFile(), '--table', 'tiny']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 1 row into tiny');
    expect(r.stderr).toBe('');
  });

  it('lists the first 20 rejected lines and counts the rest', async () => {
    const lines = ['a,b', ...Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? `x${i}` : `${i},ok`))];
    const r = await runCli(['import', csvFile(lines.join('\n')), '--db', dbFile(), '--max-rejects', '50%']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 25 rows');
    expect(r.stdout).toContain('rejected 25 rows:\n  line 2: expected 2 fields, got 1\n  line 4: expected 2 fields, got 1\n');
    expect(r.stdout.match(/^ {2}line \d+:/gm)).toHaveLength(20);
    expect(r.stdout).toContain('  line 40: expected 2 fields, got 1\n  ... and 5 more\n');
  });

  it('requires --replace or --append for an existing table', async () => {
    const db = dbFile();
    expect((await runCli(['import', csvFile('id,name\n1,a\n'), '--db', db])).code).toBe(0);
    const again = await runCli(['import', csvFile('id,name\n2,b\n'), '--db', db]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `custlink import: table "customers" already exists in ${db}; add --replace to drop and recreate it, or --append to add rows\n`,
    );
    expect((await runCli(['import', csvFile('id,name\n2,b\n'), '--db', db, '--append'])).code).toBe(0);
    expect(rows(db)).toEqual([
      { id: '1', name: 'a' },
      { id: '2', name: 'b' },
    ]);
    expect((await runCli(['import', csvFile('id,name\n3,c\n'), '--db', db, '--replace'])).code).toBe(0);
    expect(rows(db)).toEqual([{ id: '3', name: 'c' }]);
  });

  it('answers usage and header mistakes with one line and exit 2, writing nothing', async () => {
    const db = dbFile();
    const good = csvFile('id,phone\n1,010\n');
    const cases: [string[], string][] = [
      [['import', '--db', db], 'the CSV file is required'],
      [['import', good], '--db is required'],
      [['import', good, good, '--db', db], 'one CSV file at a time, got 2'],
      [['import', good, '--db', db, '--replace', '--append'], '--replace and --append exclude each other'],
      [['import', good, '--db', db, '--bogus'], "Unknown option '--bogus'"],
      [['import', good, '--db', db, '--table', 'x;drop'], 'table name "x;drop" must start with a letter'],
      [['import', good, '--db', db, '--index', 'email'], '--index column "email" is not in the header (id, phone)'],
      [['import', good, '--db', db, '--delimiter', 'ab'], '--delimiter must be one character'],
      [['import', join(dir, 'nope.csv'), '--db', db], 'no such file'],
      [['import', csvFile(''), '--db', db], 'the file is empty'],
      [['import', csvFile('id,ID\n1,2\n'), '--db', db], 'duplicate column name "ID" (columns 1 and 2)'],
      [['import', csvFile('id,2차 연락처\n1,2\n'), '--db', db], 'header column 2 "2차 연락처" must start'],
      [['import', good, '--db', db, '--rename', 'phone'], '--rename takes OLD=NEW'],
      [['import', good, '--db', db, '--rename', 'fax=f'], '--rename: column "fax" is not in the header (id, phone)'],
      [['import', csvFile('id,\n1,2\n'), '--db', db], 'header column 2 "" is empty'],
      [['import', csvFile(Buffer.from([0x69, 0x64, 0x2c, 0xc0, 0xcc, 0xb8, 0xa7, 0x0a])), '--db', db, '--encoding', 'utf-8'], 'not valid UTF-8 (a CP949/EUC-KR file? add --encoding cp949)'],
      [['import', good, '--db', db, '--encoding', 'latin1'], '--encoding must be auto, utf-8, cp949, euc-kr'],
      [['import', good, '--db', db, '--normalize', 'phone'], '--normalize takes COLUMN=SPEC'],
      [['import', good, '--db', db, '--normalize', 'fax=digits'], '--normalize: column "fax" is not in the header (id, phone)'],
      [['import', good, '--db', db, '--max-rejects', 'lots'], '--max-rejects takes a percentage'],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain(message);
      expect(r.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(db)).toBe(false);
  });

  it('stores phones normalized with --normalize, as the endpoint sends them; a value without digits is a rejected line', async () => {
    const db = dbFile();
    const csv = ['id,phone,fax', '1,010-1234-5678,02-123-4567', '2,+82 10-9876-5432,', '3,N/A,1', ...Array.from({ length: 7 }, (_, i) => `${i + 4},01000000${i}00,`)];
    const r = await runCli(['import', csvFile(csv.join('\n')), '--db', db, '--normalize', 'phone=phone-kr,FAX=digits']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 9 rows');
    expect(r.stdout).toContain('rejected 1 row:\n  line 4: phone has nothing to keep for phone-kr (no digits?)\n');
    expect(rows(db, 'SELECT id, phone, fax FROM customers ORDER BY rowid LIMIT 2')).toEqual([
      { id: '1', phone: '01012345678', fax: '021234567' },
      { id: '2', phone: '01098765432', fax: '' },
    ]);
  });

  it('imports nothing and exits 1 with a hint when no row is kept or too many are rejected', async () => {
    const db = dbFile();
    expect((await runCli(['import', csvFile('id,name\n1,keep\n'), '--db', db])).code).toBe(0);
    const semicolons = csvFile('id,name\n1;a\n2;b\n');
    const none = await runCli(['import', semicolons, '--db', db, '--replace']);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(
      'custlink import: no row to import: all 2 rows were rejected; nothing was imported\n' +
        'rejected 2 rows:\n  line 2: expected 2 fields, got 1\n  line 3: expected 2 fields, got 1\n' +
        'hint: rows have another number of fields than the header; check --delimiter (e.g. "tab" or ";")\n',
    );
    const some = csvFile(['id,name', '1,a', '2', ...Array.from({ length: 8 }, (_, i) => `${i + 3},x`)].join('\n'));
    const tooMany = await runCli(['import', some, '--db', db, '--append', '--max-rejects', '5']);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('1 of 10 rows rejected (10%, more than --max-rejects 5%); nothing was imported\n');
    expect(rows(db)).toEqual([{ id: '1', name: 'keep' }]);
    expect((await runCli(['import', some, '--db', db, '--append'])).code).toBe(0);
    expect(rows(db)).toHaveLength(10);
  });

  it('takes a file as Excel saves it: blank rows skipped and counted, headers with spaces kept, empty trailing columns dropped', async () => {
    const db = dbFile();
    const csv = ['휴대폰 번호,E-mail,가입일(YYYY-MM-DD),,', '01011112222,a@example.com,2024-01-02,,', ',,,,', '01033334444,b@example.com,2024-03-04,,', ',,,,', ',,,,'];
    const r = await runCli(['import', csvFile(csv.join('\r\n')), '--db', db, '--index', '휴대폰 번호']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported 2 rows, skipped 3 blank rows into customers /);
    expect(r.stdout).toContain('rejected 0 rows');
    expect(rows(db)).toEqual([
      { '휴대폰 번호': '01011112222', 'E-mail': 'a@example.com', '가입일(YYYY-MM-DD)': '2024-01-02' },
      { '휴대폰 번호': '01033334444', 'E-mail': 'b@example.com', '가입일(YYYY-MM-DD)': '2024-03-04' },
    ]);
    // A value under an empty header name is not dropped silently.
    const named = await runCli(['import', csvFile('id,name,\n1,a,\n2,b,x\n'), '--db', dbFile()]);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('header column 3 "" is empty, but line 3 has a value under it: name the column in the header');
  });

  it('renames header columns with --rename, after listing every bad one at once', async () => {
    const file = csvFile('2차 연락처,회원 ID!,name\n01011112222,7,김민준\n');
    const bad = await runCli(['import', file, '--db', dbFile()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the header has 2 bad column names');
    expect(bad.stderr).toContain('header column 1 "2차 연락처" must start');
    expect(bad.stderr).toContain('header column 2 "회원 ID!" must start');
    const db = dbFile();
    const r = await runCli(['import', file, '--db', db, '--rename', '2차 연락처=phone2', '--rename', '회원 ID!=member_id', '--index', 'phone2', '--normalize', 'phone2=digits']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(rows(db)).toEqual([{ phone2: '01011112222', member_id: '7', name: '김민준' }]);
  });

  it('prints its usage with --help', async () => {
    const r = await runCli(['import', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: custlink import FILE.csv --db DB.sqlite');
  });

  it('runs as a real process, TSV into a Korean table name', () => {
    const db = dbFile();
    const tsv = csvFile('id\tname\n1\t김민준\n2\t"이\t서연"\n');
    const r = spawnCli(['import', tsv, '--db', db, '--delimiter', 'tab', '--table', '고객']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 2 rows into 고객');
    expect(rows(db, 'SELECT * FROM "고객"')).toEqual([
      { id: '1', name: '김민준' },
      { id: '2', name: '이\t서연' },
    ]);
  });
});
