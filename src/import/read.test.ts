import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportInputError } from './identifiers.js';
import { lineBreaks, offsetAfterBreaks } from './lines.js';
import { LISTED_REJECTS, readCsv, type ReadOptions, type Reject } from './read.js';

const dir = mkdtempSync(join(tmpdir(), 'custlink-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (content: string | Buffer) => {
  const path = join(dir, `${n++}.csv`);
  writeFileSync(path, content);
  return path;
};

async function read(content: string | Buffer, options: ReadOptions = {}) {
  let header: string[] | undefined;
  const rows: string[][] = [];
  const rejects: Reject[] = [];
  let rejected = 0;
  let bytes = 0;
  for await (const event of readCsv(file(content), options)) {
    if (event.type === 'header') header = event.fields;
    else {
      rows.push(...event.rows);
      rejects.push(...event.rejects);
      rejected = event.rejected;
      bytes = event.bytes;
    }
  }
  return { header, rows, rejects, rejected, bytes };
}

describe('readCsv', () => {
  it('reads Korean text, quoted delimiters, doubled quotes and quoted newlines; strips the BOM', async () => {
    const csv = '\uFEFFid,이름,memo\n1,김민준,"VIP, 우선 응대"\n2,이서연,"said ""hi""\nand left"\n';
    const r = await read(csv);
    expect(r.header).toEqual(['id', '이름', 'memo']);
    expect(r.rows).toEqual([
      ['1', '김민준', 'VIP, 우선 응대'],
      ['2', '이서연', 'said "hi"\nand left'],
    ]);
    expect(r.rejected).toBe(0);
    expect(r.bytes).toBe(Buffer.byteLength(csv));
  });

  it('takes CRLF and LF line ends (even mixed) and skips blank lines', async () => {
    const r = await read('a,b\r\n1,2\r\n\r\n3,"x\r\ny"\n4,5');
    expect(r.rows).toEqual([
      ['1', '2'],
      ['3', 'x\r\ny'],
      ['4', '5'],
    ]);
  });

  it('rejects bad records by their first physical line and imports the rest', async () => {
    const csv = [
      'a,b,c', // 1
      '1,"two', // 2
      'lines",3', // 3
      '4,5', // 4: too few fields
      '', // 5
      '6,7,8,9', // 6: too many
      '10,1"1,12', // 7: quote inside an unquoted field
      '13,"ab"c,14', // 8: junk after a closing quote
      '15,"x\r\ny",16', // 9-10 (CRLF inside quotes is one line break)
      '17,18,19', // 11
      '20,"never closed,21', // 12
      '22,23,24', // 13
    ].join('\n');
    const r = await read(csv);
    expect(r.rows).toEqual([
      ['1', 'two\nlines', '3'],
      ['15', 'x\r\ny', '16'],
      ['17', '18', '19'],
      ['22', '23', '24'],
    ]);
    expect(r.rejects).toEqual([
      { line: 4, reason: 'expected 3 fields, got 2' },
      { line: 6, reason: 'expected 3 fields, got 4' },
      { line: 7, reason: 'a quote inside an unquoted field' },
      { line: 8, reason: 'a closing quote not followed by a delimiter or line end' },
      { line: 12, reason: 'a quote is not closed before the end of the file' },
    ]);
    expect(r.rejected).toBe(5);
  });

  it('rejects records with invalid UTF-8, and only those', async () => {
    const csv = Buffer.concat([
      Buffer.from('id,name\n1,김민준\n2,'),
      Buffer.from([0xb1, 0xe8]), // "김" in EUC-KR
      Buffer.from('\n3,"multi\nline"\n4,'),
      Buffer.from([0xff]),
      Buffer.from('\n5,이서연\n'),
    ]);
    const r = await read(csv);
    expect(r.rows).toEqual([
      ['1', '김민준'],
      ['3', 'multi\nline'],
      ['5', '이서연'],
    ]);
    expect(r.rejects).toEqual([
      { line: 3, reason: 'not valid UTF-8' },
      { line: 6, reason: 'not valid UTF-8' },
    ]);
  });

  it('stops an unclosed quote at the record size limit and resumes on the next line', async () => {
    const r = await read(`a,b\n1,"${'x'.repeat(200)}\n2,3\n4,5\n`, { maxRecordBytes: 100 });
    expect(r.rejects).toEqual([{ line: 2, reason: 'record longer than the limit (a quote not closed?)' }]);
    expect(r.rows).toEqual([
      ['2', '3'],
      ['4', '5'],
    ]);
  });

  it('lists the first 20 rejected lines and counts them all', async () => {
    const bad = Array.from({ length: 30 }, () => 'only-one-field');
    const r = await read(['a,b', '1,2', ...bad, '3,4'].join('\n'));
    expect(r.rejected).toBe(30);
    expect(r.rejects).toHaveLength(LISTED_REJECTS);
    expect(r.rejects[0]).toEqual({ line: 3, reason: 'expected 2 fields, got 1' });
    expect(r.rejects.at(-1)?.line).toBe(22);
    expect(r.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('yields the header first, then batches of at least batchRows rows but the last', async () => {
    const sizes: (number | 'h')[] = [];
    for await (const e of readCsv(file('a\n1\n2\n3\n4\n5\n'), { batchRows: 2 })) sizes.push(e.type === 'header' ? 'h' : e.rows.length);
    expect(sizes[0]).toBe('h');
    const batches = sizes.slice(1) as number[];
    expect(batches.reduce((a, b) => a + b, 0)).toBe(5);
    expect(batches.slice(0, -1).every((size) => size >= 2)).toBe(true);
  });

  it('refuses a missing or unreadable header before any row', async () => {
    await expect(read('')).rejects.toThrow('the file is empty');
    await expect(read('\nid,name\n1,x\n')).rejects.toThrow('line 1 is empty');
    await expect(read('id,"na"me\n1,x\n')).rejects.toThrow(ImportInputError);
    await expect(read(Buffer.from([0x69, 0x64, 0xff, 0x0a]))).rejects.toThrow('the header row (line 1) is not valid UTF-8');
  });

  it('reads another delimiter', async () => {
    expect((await read('a;b\n1;"2;3"\n', { delimiter: ';' })).rows).toEqual([['1', '2;3']]);
  });
});

describe('line helpers', () => {
  it('counts line feeds in fields', () => {
    expect(lineBreaks(['a', 'b\nc', 'd\r\ne\nf'])).toBe(3);
  });

  it('finds where a later line starts', async () => {
    const path = file('a\r\nb\nc\n');
    expect(await offsetAfterBreaks(path, 0, 1)).toBe(3);
    expect(await offsetAfterBreaks(path, 3, 1)).toBe(5);
    expect(await offsetAfterBreaks(path, 0, 4)).toBeUndefined();
  });
});
