import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditFileName, chainLine, GENESIS, localTimestamp, parseAuditFileName, readLine, subjectHash, type LookupRecord } from './format.js';

describe('audit line format', () => {
  const open = { v: 1, type: 'open', seq: 1, ts: '2026-12-07T13:05:01.123+09:00', writer: 'h-w1', file: 'audit-2026-12-07.h-w1.jsonl', prevFile: null } as const;

  it('chains a line after prev and reads it back with its own hash', () => {
    const { line, hash } = chainLine(open, GENESIS);
    const read = readLine(line);
    expect(read).toEqual({ ok: true, record: { ...open, prev: GENESIS }, hash });
  });

  it('writes the bytes of format 1: the record, then prev, then the SHA-256 of what precedes it', () => {
    // Files written by earlier versions must still verify: the line is checked against an
    // independent rendering of the format, not against chainLine itself.
    const lookup: Omit<LookupRecord, 'prev'> = { v: 1, type: 'lookup', seq: 2, ts: '2026-12-07T13:05:01.123+09:00', reqId: 'r"1', api: 'default', ip: '::1', keyFp: 'abcd1234', agent: '담당자 "7"', task: 'lookup', status: 200, code: 'OK', found: true, items: ['userName'], subjects: { callNum: 'a'.repeat(64) } };
    const prev = 'b'.repeat(64);
    const head = JSON.stringify({ ...lookup, prev }).slice(0, -1);
    const hash = createHash('sha256').update(`${head}}`).digest('hex');
    expect(chainLine(lookup, prev)).toEqual({ line: `${head},"hash":"${hash}"}`, hash });
  });

  it('writes any lookup record as format 1 would, whatever its strings hold (property)', () => {
    // The lookup line is written by hand for speed; the format is JSON.stringify's. Strings come
    // from callers (reqId, agent), from config (api, item names) or from the outcome.
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const lookup = fc.record({
      v: fc.constant(1 as const), type: fc.constant('lookup' as const), seq: fc.nat(), ts: text, reqId: text, api: text,
      ip: fc.option(text), keyFp: fc.option(text), agent: fc.option(text), task: fc.constant('lookup' as const),
      status: fc.integer({ min: 100, max: 599 }), code: text, found: fc.boolean(), items: fc.array(text, { maxLength: 5 }), subjects: fc.dictionary(text, text, { maxKeys: 4 }),
    });
    fc.assert(
      fc.property(lookup, fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), (record, prev) => {
        const head = JSON.stringify({ ...record, prev }).slice(0, -1);
        expect(chainLine(record, prev).line).toBe(`${head},"hash":"${createHash('sha256').update(`${head}}`).digest('hex')}"}`);
      }),
      { numRuns: 1_000 },
    );
  });

  it('hashes a subject as HMAC-SHA256 under the audit key, whatever its length', () => {
    // Earlier files must still be searchable: a 64-character key (keygen --length 64) takes the
    // padded-block path, a longer one the KeyObject one.
    for (const key of ['k'.repeat(32), 'k'.repeat(64), 'k'.repeat(100), '키'.repeat(32)]) {
      for (const value of ['01012345678', '홍길동']) expect(subjectHash(key, value)).toBe(createHmac('sha256', key).update(value).digest('hex'));
    }
  });

  it('finds a changed character, a torn line and a line without hash', () => {
    const { line } = chainLine(open, GENESIS);
    expect(readLine(line.replace('h-w1"', 'h-w2"'))).toEqual({ ok: false, reason: 'hash-mismatch' });
    expect(readLine(line.slice(0, 20))).toEqual({ ok: false, reason: 'not-json' });
    expect(readLine('{"v":1}')).toEqual({ ok: false, reason: 'no-hash' });
  });

  it('keys subjects by the value alone, and names files by day and writer', () => {
    expect(subjectHash('k', '01012345678')).toMatch(/^[0-9a-f]{64}$/);
    expect(subjectHash('k', '01012345678')).not.toBe(subjectHash('other', '01012345678'));
    expect(parseAuditFileName(auditFileName('2026-12-07', 'crm1-w2'))).toEqual({ day: '2026-12-07', writer: 'crm1-w2' });
    expect(parseAuditFileName('notes.txt')).toBeUndefined();
    expect(() => auditFileName('2026-12-07', '../x')).toThrow(/writer/);
    expect(localTimestamp(new Date())).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  });
});
