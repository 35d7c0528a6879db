import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasUnsafeNumber, openSqliteSource } from './sqlite.js';

describe('hasUnsafeNumber', () => {
  it('flags numbers past 2^53 - 1 only', () => {
    expect(hasUnsafeNumber(['a', 42, 1.5, null, 9007199254740991, -9007199254740991])).toBe(false);
    expect(hasUnsafeNumber([9007199254740992])).toBe(true);
    expect(hasUnsafeNumber([-9007199254740992])).toBe(true);
    expect(hasUnsafeNumber([1e300])).toBe(true);
  });
});

describe('openSqliteSource lookupValues', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-sqlite-'));
  const file = join(dir, 'c.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE c (k TEXT, id INTEGER, r REAL)');
  db.prepare('INSERT INTO c VALUES (?, ?, ?)').run('small', 7, 0.5);
  db.prepare('INSERT INTO c VALUES (?, ?, ?)').run('big', 9007199254740993n, 0.5);
  db.prepare('INSERT INTO c VALUES (?, ?, ?)').run('big', -9223372036854775808n, 2.5);
  db.close();
  const source = openSqliteSource({ type: 'sqlite', file, query: 'SELECT id, r FROM c WHERE k = :k ORDER BY r', unique: false });
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads small integers as numbers and 64-bit ones exactly, with one row or several', async () => {
    expect(source.lookupValues!({ k: 'small' }, 1)).toEqual([[7, 0.5]]);
    expect(source.lookupValues!({ k: 'big' }, 1)).toEqual([[9007199254740993n, 0.5]]);
    expect(source.lookupValues!({ k: 'big' }, 2)).toEqual([
      [9007199254740993n, 0.5],
      [-9223372036854775808n, 2.5],
    ]);
    expect(source.lookupValues!({}, 2)).toEqual([]);
    expect(await source.lookup({ k: 'big' }, 1, new AbortController().signal)).toEqual([{ id: 9007199254740993n, r: 0.5 }]);
  });
});

describe('openSqliteSource warnings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-sqlite-'));
  const file = join(dir, 'w.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE customers (phone TEXT, email TEXT, name TEXT); CREATE INDEX customers_phone ON customers(phone)');
  db.close();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const warningsFor = async (query: string) => {
    const source = openSqliteSource({ type: 'sqlite', file, query, unique: false });
    await source.close();
    return source.warnings;
  };

  it('warns when the query reads the whole table on each lookup', async () => {
    const warnings = await warningsFor('SELECT name FROM customers WHERE email = :email');
    expect(warnings).toHaveLength(1);
    expect(warnings![0]).toContain('every row of customers');
    expect(warnings![0]).toContain('CREATE INDEX');
  });

  it('is silent when an index answers the lookup', async () => {
    expect(await warningsFor('SELECT name FROM customers WHERE phone = :callNum')).toEqual([]);
    expect(await warningsFor('SELECT name FROM customers WHERE phone = :callNum OR phone = :alt')).toEqual([]);
  });
});
