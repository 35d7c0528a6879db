import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectHash } from './format.js';
import { formatSearchText, searchSubject } from './search.js';
import { writeWriterChain } from './test-utils/audit-dir.js';

const KEY = 'audit-key-for-tests';
const ALICE = subjectHash(KEY, '01012345678');
const BOB = subjectHash(KEY, '01099998888');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-search-'));
  writeWriterChain(dir, 'w1', [
    { day: '2026-11-02', lookups: [
      { ts: '2026-11-02T10:00:00.000+09:00', subjects: { callNum: ALICE } },
      { ts: '2026-11-02T10:01:00.000+09:00', subjects: { callNum: BOB } },
      { ts: '2026-11-02T10:02:00.000+09:00', subjects: { callNum: BOB, custId: ALICE }, api: 'orders', agent: 'kim' },
    ] },
    { day: '2026-12-01', lookups: [{ ts: '2026-12-01T10:00:00.000+09:00', subjects: { callNum: ALICE } }] },
  ]);
  writeWriterChain(dir, 'w2', [{ day: '2026-11-03', lookups: [{ ts: '2026-11-03T10:00:00.000+09:00', status: 404, code: 'NOT_FOUND', subjects: { callNum: ALICE } }] }]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('searchSubject', () => {
  it('finds exactly the subject records, in time order', () => {
    const hits = searchSubject(dir, KEY, '01012345678');
    expect(hits.map((h) => [h.ts.slice(0, 16), h.matchedBy])).toEqual([
      ['2026-11-02T10:00', ['callNum']],
      ['2026-11-02T10:02', ['custId']],
      ['2026-11-03T10:00', ['callNum']],
      ['2026-12-01T10:00', ['callNum']],
    ]);
    expect(searchSubject(dir, KEY, '01012345678', { from: '2026-11-01', to: '2026-11-30' })).toHaveLength(3);
    expect(searchSubject(dir, 'another-key', '01012345678')).toEqual([]);
  });

  it('prints no subject hash', () => {
    const text = formatSearchText(searchSubject(dir, KEY, '01012345678'));
    expect(text).toContain('4 record(s)');
    expect(text).not.toContain(ALICE.slice(0, 16));
    expect(text).not.toContain(BOB.slice(0, 16));
    // The fixture really holds both hashes, so the check above means something.
    const all = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(all).toContain(ALICE);
    expect(all).toContain(BOB);
  });
});
