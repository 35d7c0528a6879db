import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { importCsv } from './import-csv.js';
import { scratchDir } from './scratch.test.helper.js';

const scratch = scratchDir('custlink-import-live-');
const csvFile = scratch.file;
const liveDb = async (rows: number, extra?: string) => {
  const folder = scratch.path('live');
  mkdirSync(folder);
  const db = join(folder, 'customers.sqlite');
  await importCsv({ file: csvFile(['id,name', ...Array.from({ length: rows }, (_, i) => `${i},old ${i}`)].join('\n')), db, index: ['id'] });
  if (extra !== undefined) {
    const conn = new Database(db);
    conn.exec(extra);
    conn.close();
  }
  return { db, folder };
};
/** An endpoint's view of the file: read-only, memory-mapped, in a read transaction. */
const openReader = (db: string) => {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  conn.pragma('mmap_size = 1073741824');
  return conn;
};
const count = (conn: Database.Database) => (conn.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;

describe('importing into a database a live endpoint reads', () => {
  it.each([
    ['replace', 'the file holds only the table (written fresh)', undefined],
    ['replace', 'the file holds another table (copied, then replaced)', 'CREATE TABLE other (x TEXT); INSERT INTO other VALUES (1)'],
    ['append', 'appended to a copy', undefined],
  ] as const)('%s: %s: a reader of the old file keeps it whole, a new reader sees the new one', async (mode, _what, extra) => {
    const { db, folder } = await liveDb(5000, extra);
    const reader = openReader(db);
    expect(count(reader)).toBe(5000);
    const before = statSync(db);
    const result = await importCsv({ file: csvFile('id,name\n1,new\n2,new\n'), db, mode, index: ['id'] });
    expect(result.rows).toBe(2);
    // Rewritten in place, the open reader would see the new rows (or a shrunk, half-written file).
    expect(count(reader)).toBe(5000);
    reader.close();
    const after = statSync(db);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode).toBe(before.mode);
    const fresh = openReader(db);
    expect(count(fresh)).toBe(mode === 'append' ? 5002 : 2);
    if (extra !== undefined) expect(fresh.prepare('SELECT x FROM other').all()).toEqual([{ x: '1' }]);
    expect(fresh.pragma('integrity_check', { simple: true })).toBe('ok');
    fresh.close();
    expect(readdirSync(folder)).toEqual(['customers.sqlite']);
  });

  it('a failed import leaves the original file byte for byte and no temp file', async () => {
    const { db, folder } = await liveDb(100);
    const bytes = readFileSync(db);
    const ino = statSync(db).ino;
    const failing = () => ({
      update() {
        throw new Error('disk full');
      },
      indexing() {},
      stop() {},
    });
    const big = csvFile(['id,name', ...Array.from({ length: 20_000 }, (_, i) => `${i},v`)].join('\n'));
    for (const mode of ['replace', 'append'] as const) {
      await expect(importCsv({ file: big, db, mode, progress: failing })).rejects.toThrow('disk full');
      await expect(importCsv({ file: csvFile('id,name\nonly-one-field\n'), db, mode })).rejects.toThrow('no row to import');
    }
    expect(statSync(db).ino).toBe(ino);
    expect(readFileSync(db).equals(bytes)).toBe(true);
    expect(readdirSync(folder)).toEqual(['customers.sqlite']);
  });
});
