import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SourceUnavailableError } from '../../vocabulary/source-errors.js';
import type { Source } from '../../types.js';
import { hasUnsafeNumber } from './row-reader.js';
import { SNAPSHOT_MS } from './read-window.js';
import { openSqliteSource } from './source.js';

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

describe('openSqliteSource on a file that is replaced or damaged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const query = 'SELECT name FROM c WHERE k = :k';
  let serial = 0;
  /** A file of 2000 customers named `${tag}${k}`, large enough that losing its tail loses most of them. */
  const write = (file: string, tag: string): void => {
    const db = new Database(file);
    db.exec('CREATE TABLE c (k TEXT, name TEXT, note TEXT); CREATE INDEX c_k ON c(k)');
    const insert = db.prepare('INSERT INTO c VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(String(i), `${tag}${i}`, 'x'.repeat(200));
    })();
    db.close();
  };
  const renameIn = (file: string, tag: string): void => {
    const next = join(dir, `next-${++serial}.sqlite`);
    write(next, tag);
    renameSync(next, file);
  };
  const fresh = (tag: string) => {
    const file = join(dir, `live-${++serial}.sqlite`);
    write(file, tag);
    // A look at the path every 20 ms, so the test need not wait out CHECK_MS.
    return { file, source: openSqliteSource({ type: 'sqlite', file, query, unique: false }, 2000, 20) };
  };
  const name = (source: Source, k: number): unknown => source.lookupValues!({ k: String(k) }, 1)[0]?.[0];
  /** Every key looked up once: what the lookups threw. */
  const thrownBy = (source: Source): unknown[] => {
    const thrown: unknown[] = [];
    for (let k = 0; k < 2000; k++) {
      try {
        name(source, k);
      } catch (error) {
        thrown.push(error);
      }
    }
    return thrown;
  };
  /** A file of its own made by `sql`, not yet at the live path. */
  const fileOf = (sql: string): string => {
    const file = join(dir, `made-${++serial}.sqlite`);
    const db = new Database(file);
    db.exec(sql);
    db.close();
    return file;
  };

  it('serves a file renamed over the old one without being told, and at once when ready() is asked', async () => {
    const { file, source } = fresh('old');
    expect(name(source, 5)).toBe('old5');
    renameIn(file, 'new');
    await vi.waitFor(() => expect(name(source, 5)).toBe('new5'), { timeout: 5000, interval: 5 });
    renameIn(file, 'newer');
    await expect(source.ready()).resolves.toBeUndefined();
    expect(name(source, 5)).toBe('newer5');
    await source.close();
  });

  it('fails lookups and readiness on a file truncated in place, nothing thrown from its timers, and recovers on a rename', async () => {
    const { file, source } = fresh('old');
    expect(name(source, 1999)).toBe('old1999');
    truncateSync(file, 8192);
    expect(thrownBy(source).length).toBeGreaterThan(1000);
    // The read window ends on a timer: let it run against the damaged file.
    await new Promise((resolve) => setTimeout(resolve, 3 * SNAPSHOT_MS));
    await expect(source.ready()).rejects.toThrow(/shorter than its header says/);
    renameIn(file, 'good');
    await expect(source.ready()).resolves.toBeUndefined();
    expect(thrownBy(source)).toEqual([]);
    expect(name(source, 1999)).toBe('good1999');
    await source.close();
  });

  it('survives a smaller file copied over the open one inside a read window, and serves it once the copy is done', async () => {
    const { file, source } = fresh('old');
    const next = fileOf("CREATE TABLE c (k TEXT, name TEXT, note TEXT); INSERT INTO c VALUES ('1', 'small1', '')");
    expect(name(source, 1999)).toBe('old1999');
    // Still inside the read window the lookup opened: the window ends on a timer, after the copy.
    copyFileSync(next, file);
    await new Promise((resolve) => setTimeout(resolve, 3 * SNAPSHOT_MS));
    expect(name(source, 1)).toBe('small1');
    await expect(source.ready()).resolves.toBeUndefined();
    await source.close();
  });

  it('is ready again once the open file answers, even when the file looks as it did when it failed', async () => {
    const { file, source } = fresh('old');
    const good = readFileSync(file);
    // A copy in place caught half-written: the lookups fail on it. Its mtime is set to a round
    // value so that the good bytes, back in place, look exactly as the failing file did: the
    // copy finished before the failure was recorded.
    const damage = Buffer.from(good);
    damage.fill(0x41, 0, 100);
    writeFileSync(file, damage);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(thrownBy(source).length).toBeGreaterThan(1000);
    writeFileSync(file, good);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    await expect(source.ready()).resolves.toBeUndefined();
    expect(name(source, 1999)).toBe('old1999');
    await source.close();
  });

  it('reports the first failure in full and the rest as SourceUnavailableError', async () => {
    const { file, source } = fresh('old');
    truncateSync(file, 8192);
    const thrown = thrownBy(source);
    expect(thrown.filter((e) => !(e instanceof SourceUnavailableError))).toHaveLength(1);
    expect(thrown.length).toBeGreaterThan(1000);
    await source.close();
  });

  it('is not ready while the file is deleted, though lookups still answer from the open file', async () => {
    const { file, source } = fresh('old');
    rmSync(file);
    await expect(source.ready()).rejects.toThrow(/ENOENT/);
    expect(name(source, 7)).toBe('old7');
    renameIn(file, 'back');
    await expect(source.ready()).resolves.toBeUndefined();
    expect(name(source, 7)).toBe('back7');
    await source.close();
  });

  it('keeps serving the old file when the new one lacks the query columns, and is not ready', async () => {
    const { file, source } = fresh('old');
    renameSync(fileOf('CREATE TABLE c (k TEXT, fullname TEXT)'), file);
    expect(name(source, 3)).toBe('old3');
    await expect(source.ready()).rejects.toThrow(/source\.query/);
    await expect(source.ready()).rejects.toThrow('no such column: name; c has the columns: k, fullname');
    renameIn(file, 'fixed');
    await expect(source.ready()).resolves.toBeUndefined();
    expect(name(source, 3)).toBe('fixed3');
    await source.close();
  });
});
