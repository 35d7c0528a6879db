import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCustomer } from './customer.js';
import { buildDemoDatabase, ensureDemoDatabase, readDemoMeta } from './database.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-demo-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('buildDemoDatabase', () => {
  it('writes the generated customers, findable by phone through an index', () => {
    const file = join(tempDir(), 'demo.sqlite');
    const built = buildDemoDatabase({ file, rows: 1_000, seed: 5 });
    expect(built).toMatchObject({ file, rows: 1_000, created: true });
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1_000 });
      const expected = makeCustomer(5, 417);
      const row = db.prepare('SELECT * FROM customers WHERE phone = ?').get(expected.phone);
      expect(row).toMatchObject({ name: expected.name, member_id: expected.memberId, cash_total: expected.cashTotal });
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM customers WHERE phone = ?').all('0');
      expect(JSON.stringify(plan)).toContain('customers_phone');
    } finally {
      db.close();
    }
  });

  it('leaves only the finished file behind, no temp file', () => {
    const dir = tempDir();
    buildDemoDatabase({ file: join(dir, 'demo.sqlite'), rows: 10 });
    expect(readdirSync(dir)).toEqual(['demo.sqlite']);
  });

  it('refuses a row count it cannot give distinct phone numbers', () => {
    expect(() => buildDemoDatabase({ file: join(tempDir(), 'x.sqlite'), rows: 0 })).toThrow(RangeError);
  });
});

describe('ensureDemoDatabase', () => {
  it('reuses a matching file and rebuilds one with another row count', () => {
    const file = join(tempDir(), 'demo.sqlite');
    expect(ensureDemoDatabase({ file, rows: 50 }).created).toBe(true);
    expect(ensureDemoDatabase({ file, rows: 50 }).created).toBe(false);
    expect(ensureDemoDatabase({ file, rows: 60 }).created).toBe(true);
    expect(readDemoMeta(file)?.rows).toBe(60);
  });

  it('keeps the first rows the same when the data grows', () => {
    const dir = tempDir();
    buildDemoDatabase({ file: join(dir, 'small.sqlite'), rows: 20 });
    buildDemoDatabase({ file: join(dir, 'big.sqlite'), rows: 200 });
    const read = (name: string) => {
      const db = new Database(join(dir, name), { readonly: true });
      const rows = db.prepare('SELECT * FROM customers WHERE id <= 20 ORDER BY id').all();
      db.close();
      return rows;
    };
    expect(read('big.sqlite')).toEqual(read('small.sqlite'));
  });

  it('treats a file that is not a demo database as missing', () => {
    expect(readDemoMeta(join(tempDir(), 'nothing.sqlite'))).toBeUndefined();
  });
});
