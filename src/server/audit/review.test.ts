import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectHash } from './format.js';
import { formatReviewCsv, formatReviewText, reviewMonth } from './review.js';
import { writeWriterChain, type FixtureLookup } from './test-utils/audit-dir.js';

const KEY = 'audit-key-for-tests';
const ALICE = subjectHash(KEY, '01012345678');
const BOB = subjectHash(KEY, '01099998888');
let dir: string;

// Known counts: 2026-11-02 is a Monday, 2026-11-07 a Saturday.
const mon: FixtureLookup[] = [
  ...Array.from({ length: 31 }, (_, i) => ({ ts: `2026-11-02T10:15:${String(i).padStart(2, '0')}.000+09:00`, ip: '10.0.0.9', subjects: { callNum: ALICE } })),
  { ts: '2026-11-02T11:00:00.000+09:00', status: 404, code: 'NOT_FOUND', subjects: { callNum: BOB } },
  { ts: '2026-11-02T11:01:00.000+09:00', status: 403, code: 'BAD_SIGNATURE', keyFp: null },
  { ts: '2026-11-02T20:00:00.000+09:00', api: 'orders', subjects: { callNum: BOB } },
];
const sat: FixtureLookup[] = [
  { ts: '2026-11-07T10:00:00.000+09:00', status: 403, code: 'STALE', keyFp: null, ip: '10.0.0.7' },
  { ts: '2026-11-07T10:05:00.000+09:00', api: 'orders', ip: '10.0.0.7', keyFp: 'ffff0000', subjects: { callNum: BOB } },
];
const dec: FixtureLookup[] = [{ ts: '2026-12-01T10:00:00.000+09:00' }];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-review-'));
  writeWriterChain(dir, 'w1', [{ day: '2026-11-02', lookups: mon }, { day: '2026-11-07', lookups: sat }, { day: '2026-12-01', lookups: dec }]);
  writeWriterChain(dir, 'w2', [{ day: '2026-11-07', lookups: [{ ts: '2026-11-07T09:30:00.000+09:00', ip: '10.0.0.8', subjects: { custId: BOB } }] }]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reviewMonth', () => {
  it('counts exactly the month records', () => {
    const r = reviewMonth(dir, { month: '2026-11' });
    expect(r.totals).toEqual({ total: 37, found: 34, notFound: 1, refused: 2 });
    expect(r.byApi).toEqual({ customer: { total: 35, found: 32, notFound: 1, refused: 2 }, orders: { total: 2, found: 2, notFound: 0, refused: 0 } });
    expect(r.byDay).toEqual({ '2026-11-02': { total: 34, found: 32, notFound: 1, refused: 1 }, '2026-11-07': { total: 3, found: 2, notFound: 0, refused: 1 } });
  });

  it('lists after hours, bursts, repeated subjects and signature failures', () => {
    const r = reviewMonth(dir, { month: '2026-11' });
    // 20:00 Monday, and all of Saturday (2 by w1 + 1 by w2).
    expect(r.afterHours).toHaveLength(4);
    expect(r.bursts).toEqual([{ ip: '10.0.0.9', minute: '2026-11-02 10:15', count: 31 }]);
    expect(r.signatureFailures).toEqual({ BAD_SIGNATURE: 1, STALE: 1 });
    expect(r.subjects).toEqual([
      { subject: `${ALICE.slice(0, 8)}…`, lookups: 31, callers: 1 },
      { subject: `${BOB.slice(0, 8)}…`, lookups: 4, callers: 3 },
    ]);
    expect(r.chain).toEqual([]);
  });

  it('honours the thresholds', () => {
    const r = reviewMonth(dir, { month: '2026-11', hours: { start: 8, end: 21 }, burst: 40, repeat: 100, callers: 10 });
    expect(r.afterHours).toHaveLength(3);
    expect(r.bursts).toEqual([]);
    expect(r.subjects).toEqual([]);
  });

  it('prints a Korean report with no full subject hash, and a CSV with a BOM', () => {
    const r = reviewMonth(dir, { month: '2026-11' });
    const text = formatReviewText(r);
    expect(text).toContain('접속기록 점검');
    expect(text).toContain('점검자: ');
    expect(text).toContain('서명 검증 실패: 2건');
    expect(text).not.toContain(ALICE);
    expect(text).not.toContain(BOB);
    const csv = formatReviewCsv(r);
    expect(csv.startsWith('\uFEFF구분,항목,조회 건수')).toBe(true);
    expect(csv).toContain('API,customer,35,32,1,2');
    expect(csv).not.toContain(ALICE);
  });

  it('reports a gap in the chain', () => {
    const file = join(dir, 'audit-2026-11-02.w1.jsonl');
    const original = readFileSync(file, 'utf8');
    const lines = original.trimEnd().split('\n');
    lines.splice(5, 1);
    writeFileSync(file, lines.join('\n') + '\n');
    try {
      const r = reviewMonth(dir, { month: '2026-11' });
      expect(r.chain.map((f) => f.kind)).toContain('removed');
      expect(formatReviewText(r)).toContain('위·변조 의심');
    } finally {
      writeFileSync(file, original);
    }
  });
});
