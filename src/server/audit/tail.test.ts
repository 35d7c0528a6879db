import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainLine, GENESIS, readLine, type UnchainedRecord } from './format.js';
import { readTail, type FileTail } from './tail.js';

const dir = mkdtempSync(join(tmpdir(), 'custlink-tail-'));

/** What a restarting writer must find, read the plain way: the whole file decoded and split. */
function expected(text: string): Omit<FileTail, 'size'> {
  const lines = text.split('\n');
  const carry = lines.pop()!;
  const valid = carry !== '' && readLine(carry).ok;
  const isLookup = (line: string): boolean => line.startsWith('{"v":1,"type":"lookup",');
  const recent = (carry === '' ? lines : [...lines, carry]).slice(-17);
  const last = recent.map((line) => readLine(line)).findLast((read) => read.ok);
  const opened = text === '' ? undefined : readLine(lines[0] ?? carry);
  return {
    last: last?.ok === true ? { record: last.record, hash: last.hash } : undefined,
    first: opened?.ok === true && opened.record.type === 'open' ? opened.hash : undefined,
    records: lines.filter(isLookup).length + (valid && isLookup(carry) ? 1 : 0),
    endsWithNewline: text === '' || text.endsWith('\n'),
  };
}

function chained(records: UnchainedRecord[]): string[] {
  let prev = GENESIS;
  return records.map((record) => {
    const { line, hash } = chainLine(record, prev);
    prev = hash;
    return line;
  });
}

const open: UnchainedRecord = { v: 1, type: 'open', seq: 1, ts: '2026-12-07T00:00:00.000+09:00', writer: 'w', file: 'audit-2026-12-07.w.jsonl', prevFile: null };
const lookup = (seq: number, agent: string | null): UnchainedRecord => ({
  v: 1, type: 'lookup', seq, ts: '2026-12-07T13:05:01.123+09:00', reqId: `r${seq}`, api: 'default', ip: '10.0.0.7', keyFp: 'abcd1234', agent, task: 'lookup', status: 200, code: 'OK', found: true, items: ['userName'], subjects: { callNum: 'a'.repeat(64) },
});

describe('readTail', () => {
  it('finds what the whole file says, whatever the chunk boundaries cut (property)', () => {
    // Lines of every kind a day file can end up with: valid ones (multi-byte agents among them),
    // one edited, torn pieces of a kill -9, an empty one, and a tail with or without its newline.
    const line = fc.oneof(
      fc.record({ agent: fc.option(fc.string({ unit: 'grapheme', maxLength: 12 })) }).map(({ agent }) => ({ kind: 'valid' as const, agent })),
      fc.constant({ kind: 'edited' as const, agent: null }),
      fc.nat({ max: 60 }).map((cut) => ({ kind: 'torn' as const, agent: null, cut })),
      fc.constant({ kind: 'empty' as const, agent: null }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(line, { maxLength: 40 }), fc.boolean(), fc.integer({ min: 1, max: 700 }), (withOpen, kinds, newline, chunk) => {
        const valid = chained([...(withOpen ? [open] : []), ...kinds.map((k, i) => lookup(i + 2, k.agent))]);
        const lines = kinds.map((k, i) => {
          const text = valid[i + (withOpen ? 1 : 0)]!;
          if (k.kind === 'edited') return text.replace('"status":200', '"status":404');
          if (k.kind === 'torn') return text.slice(0, 'cut' in k ? k.cut : 0);
          return k.kind === 'empty' ? '' : text;
        });
        const text = [...(withOpen ? [valid[0]!] : []), ...lines].join('\n') + (newline && (withOpen || lines.length > 0) ? '\n' : '');
        const file = join(dir, 'p.jsonl');
        writeFileSync(file, text);
        expect(readTail(file, chunk)).toEqual({ ...expected(text), size: Buffer.byteLength(text) });
      }),
      { numRuns: 1_500 },
    );
  });

  it('finds the last valid line behind 16 edited or torn ones, and gives up behind 17', () => {
    const lines = chained([open, ...Array.from({ length: 20 }, (_, i) => lookup(i + 2, null))]);
    const edited = (n: number): string[] => lines.slice(-n).map((line) => line.replace('"status":200', '"status":404'));
    const file = join(dir, 'edited.jsonl');
    writeFileSync(file, `${[...lines.slice(0, -16), ...edited(16)].join('\n')}\n`);
    expect(readTail(file).last?.record.seq).toBe(5);
    writeFileSync(file, `${[...lines.slice(0, -17), ...edited(16), lines.at(-1)!.slice(0, 40)].join('\n')}`);
    expect(readTail(file).last).toBeUndefined();
  });

  it('reads a day of 20,000 records (12 MB) with its torn tail, in the default chunks', () => {
    const lines = chained([open, ...Array.from({ length: 20_000 }, (_, i) => lookup(i + 2, i % 7 === 0 ? '상담원' : null))]);
    const text = `${lines.join('\n')}\n${lines.at(-1)!.slice(0, 30)}`;
    const file = join(dir, 'day.jsonl');
    writeFileSync(file, text);
    const tail = readTail(file);
    expect(tail).toEqual({ ...expected(text), size: Buffer.byteLength(text) });
    expect(tail).toMatchObject({ records: 20_000, endsWithNewline: false, last: { record: { seq: 20_001 } } });
  });
});
