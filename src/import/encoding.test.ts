import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { resolveEncoding } from './encoding.js';
import { importCsv } from './import-csv.js';
import { scratchDir } from './scratch.test.helper.js';

const scratch = scratchDir('custlink-import-enc-');
const file = scratch.file;
const dbFile = () => scratch.path('db', '.sqlite');
const names = (db: string) => {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT 이름 FROM customers ORDER BY rowid').pluck().all();
  } finally {
    conn.close();
  }
};

// What Excel saves as "CSV" in Korea. 똠 (0x8C63) is outside EUC-KR's KS X 1001, only in CP949.
const KOREAN = ['id,이름,메모', '1,홍길동,"안녕, 하세요"', '2,똠방각하,뷁'].join('\r\n') + '\r\n';

/** Whether a CP949 character (a lead byte 0x81-0xFE and its trail) starts at `edge - 1`. */
const splitsAt = (buf: Buffer, edge: number) => {
  let i = 0;
  while (i < edge - 1) i += buf[i]! >= 0x81 ? 2 : 1;
  return i === edge - 1 && buf[i]! >= 0x81;
};

describe('CP949 files', () => {
  it('are found by auto and imported with every Korean character exact', async () => {
    const cp949 = iconv.encode(KOREAN, 'cp949');
    expect(cp949.subarray(cp949.indexOf(0x8c), cp949.indexOf(0x8c) + 2)).toEqual(Buffer.from([0x8c, 0x63]));
    const path = file(cp949);
    expect(await resolveEncoding(path, 'auto')).toBe('cp949');
    const db = dbFile();
    const result = await importCsv({ file: path, db });
    expect(result).toMatchObject({ rows: 2, rejected: 0, encoding: 'cp949' });
    expect(names(db)).toEqual(['홍길동', '똠방각하']);
    const explicit = dbFile();
    await importCsv({ file: path, db: explicit, encoding: 'euc-kr' });
    expect(names(explicit)).toEqual(['홍길동', '똠방각하']);
  });

  it('decodes characters split between two reads exactly, keeping line numbers', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${i % 2 === 0 ? '똠방각하' : '홍길동'}`);
    rows.splice(1000, 0, '1000x'); // line 1002: one field
    // One more character in the first row moves every later byte by one: one of the two puts a
    // two-byte character across the first 64 KiB read edge.
    const encode = (pad: string) => iconv.encode(['id,이름', pad + rows.join('\n')].join('\n'), 'cp949');
    const cp949 = [encode(''), encode('0')].find((buf) => splitsAt(buf, 64 * 1024))!;
    expect(cp949).toBeDefined();
    const db = dbFile();
    const result = await importCsv({ file: file(cp949), db });
    expect(result).toMatchObject({ rows: 30_000, rejected: 1, rejects: [{ line: 1002, reason: 'expected 2 fields, got 1' }] });
    const all = names(db);
    expect(all.every((name, i) => name === (i % 2 === 0 ? '똠방각하' : '홍길동'))).toBe(true);
  });

  it('rejects a row holding bytes CP949 does not define, by its line', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => iconv.encode(`${i},홍길동\n`, 'cp949'));
    lines[5] = Buffer.concat([Buffer.from('5,'), Buffer.from([0xc8, 0xff]), Buffer.from('\n')]);
    const path = file(Buffer.concat([iconv.encode('id,이름\n', 'cp949'), ...lines]));
    const result = await importCsv({ file: path, db: dbFile(), encoding: 'cp949' });
    expect(result).toMatchObject({ rows: 19, rejects: [{ line: 7, reason: 'not valid CP949' }] });
  });

  it('auto keeps UTF-8 for a BOM, for valid UTF-8, and for UTF-8 with a damaged line', async () => {
    expect(await resolveEncoding(file(Buffer.from('\uFEFFid,이름\n1,홍길동\n')), 'auto')).toBe('utf-8');
    expect(await resolveEncoding(file(Buffer.from('id,이름\n1,홍길동\n')), 'auto')).toBe('utf-8');
    const damaged = Buffer.concat([Buffer.from(`id,이름\n${'1,홍길동,똠방각하\n'.repeat(50)}2,`), Buffer.from([0xea, 0x41]), Buffer.from('\n')]);
    expect(await resolveEncoding(file(damaged), 'auto')).toBe('utf-8');
  });
});
