import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportInputError } from './identifiers.js';
import { importCsv } from './import-csv.js';
import { checkDelimiter } from './import-options.js';

const dir = mkdtempSync(join(tmpdir(), 'custlink-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const csvFile = (content: string) => {
  const path = join(dir, `${n++}.csv`);
  writeFileSync(path, content);
  return path;
};
const dbFile = () => join(dir, `sub-${n++}`, 'customers.sqlite');
const query = (db: string, sql: string) => {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).all();
  } finally {
    conn.close();
  }
};

const CSV = 'id,name,phone\n1,김민준,01011112222\n2,이서연,01033334444\nbad\n3,"박, 도윤",01055556666\n';

describe('importCsv', () => {
  it('imports into a new database (folder created), indexes after the load, reports rejects', async () => {
    const db = dbFile();
    const result = await importCsv({ file: csvFile(CSV), db, index: ['phone', 'NAME'], maxRejectRate: 0.25 });
    expect(result).toMatchObject({ table: 'customers', rows: 3, rejected: 1, rejects: [{ line: 4, reason: 'expected 3 fields, got 1' }] });
    expect(result.indexes).toEqual(['customers_phone_idx', 'customers_name_idx']);
    expect(query(db, 'SELECT id, name, phone FROM customers ORDER BY rowid')).toEqual([
      { id: '1', name: '김민준', phone: '01011112222' },
      { id: '2', name: '이서연', phone: '01033334444' },
      { id: '3', name: '박, 도윤', phone: '01055556666' },
    ]);
    expect(query(db, "PRAGMA index_list('customers')").map((i) => (i as { name: string }).name).sort()).toEqual([
      'customers_name_idx',
      'customers_phone_idx',
    ]);
  });

  it('keeps rows and line numbers exact across read chunks', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},"이름 ${i}, 님","메모\n${i}"`);
    rows.splice(100, 0, 'broken,"x"y,z');
    const file = csvFile(['id,name,memo', ...rows].join('\r\n'));
    const db = dbFile();
    const result = await importCsv({ file, db });
    expect(result.rows).toBe(5000);
    expect(result.rejects).toEqual([{ line: 2 + 2 * 100, reason: 'a closing quote not followed by a delimiter or line end' }]);
    expect(query(db, "SELECT * FROM customers WHERE id = '4999'")).toEqual([{ id: '4999', name: '이름 4999, 님', memo: '메모\n4999' }]);
  });

  it('refuses an existing table unless told to replace or append', async () => {
    const db = dbFile();
    await importCsv({ file: csvFile('id,name\n1,a\n'), db });
    await expect(importCsv({ file: csvFile('id,name\n2,b\n'), db })).rejects.toThrow(
      /table "customers" already exists in .*; add --replace to drop and recreate it, or --append to add rows/,
    );
    await importCsv({ file: csvFile('ID,Name\n2,b\n'), db, mode: 'append' });
    expect(query(db, 'SELECT * FROM customers ORDER BY id')).toEqual([
      { id: '1', name: 'a' },
      { id: '2', name: 'b' },
    ]);
    await importCsv({ file: csvFile('code,label\nx,y\n'), db, mode: 'replace' });
    expect(query(db, 'SELECT * FROM customers')).toEqual([{ code: 'x', label: 'y' }]);
    await expect(importCsv({ file: csvFile('code,other\nx,y\n'), db, mode: 'append' })).rejects.toThrow(
      'column "other" is not in table "customers" (its columns: code, label)',
    );
  });

  it('leaves an existing table as it was when the import fails part way (--replace)', async () => {
    const db = dbFile();
    await importCsv({ file: csvFile('id,name\n1,keep\n'), db, index: ['id'] });
    const big = csvFile(['x,y', ...Array.from({ length: 20_000 }, (_, i) => `${i},v`)].join('\n'));
    const failing = () => ({
      update() {
        throw new Error('disk full');
      },
      indexing() {},
      stop() {},
    });
    await expect(importCsv({ file: big, db, mode: 'replace', progress: failing })).rejects.toThrow('disk full');
    expect(query(db, 'SELECT * FROM customers')).toEqual([{ id: '1', name: 'keep' }]);
    expect(query(db, "PRAGMA index_list('customers')")).toHaveLength(1);
  });

  it('stops and rolls back when aborted', async () => {
    const db = dbFile();
    await importCsv({ file: csvFile('id,name\n1,keep\n'), db });
    const big = csvFile(['id,name', ...Array.from({ length: 50_000 }, (_, i) => `${i},v`)].join('\n'));
    const abort = new AbortController();
    const progress = () => ({ update: () => abort.abort(new Error('interrupted')), indexing() {}, stop() {} });
    await expect(importCsv({ file: big, db, mode: 'append', progress, signal: abort.signal })).rejects.toThrow('interrupted');
    expect(query(db, 'SELECT * FROM customers')).toEqual([{ id: '1', name: 'keep' }]);
  });

  it('rolls back an append that SQLite refuses part way: no row of it stays', async () => {
    const db = dbFile();
    const setup = csvFile('id,name\n1,first\n');
    await importCsv({ file: setup, db });
    const raw = new Database(db);
    raw.exec('CREATE UNIQUE INDEX one_id ON customers (id)');
    raw.close();
    await expect(importCsv({ file: csvFile('id,name\n2,second\n1,again\n'), db, mode: 'append' })).rejects.toThrow(
      /UNIQUE constraint failed/,
    );
    expect(query(db, 'SELECT * FROM customers')).toEqual([{ id: '1', name: 'first' }]);
  });

  it('checks names, header and flags before it creates anything', async () => {
    const db = dbFile();
    const file = csvFile(CSV);
    await expect(importCsv({ file, db, table: 'bad name' })).rejects.toThrow('table name "bad name" must start');
    await expect(importCsv({ file, db, index: ['email'] })).rejects.toThrow('--index column "email" is not in the header');
    await expect(importCsv({ file: csvFile('id,id\n1,2\n'), db })).rejects.toThrow('duplicate column name "id"');
    await expect(importCsv({ file: join(dir, 'missing.csv'), db })).rejects.toThrow(/cannot read .*missing.csv: no such file/);
    await expect(importCsv({ file, db, delimiter: '::' })).rejects.toThrow(ImportInputError);
    expect(() => new Database(db, { fileMustExist: true })).toThrow();
  });

  it('refuses a header-only file and a file holding only a BOM, creating nothing', async () => {
    const db = dbFile();
    await expect(importCsv({ file: csvFile('\uFEFFid,name\r\n'), db, index: ['id'] })).rejects.toThrow(
      'no row to import: the file has a header but no rows',
    );
    expect(existsSync(db)).toBe(false);
    await expect(importCsv({ file: csvFile('\uFEFF'), db: dbFile() })).rejects.toThrow('the file is empty');
  });

  it('spells tab for TSV', () => {
    expect(checkDelimiter('tab')).toBe('\t');
    expect(checkDelimiter(';')).toBe(';');
    expect(() => checkDelimiter('"')).toThrow('--delimiter must be one character');
  });
});
