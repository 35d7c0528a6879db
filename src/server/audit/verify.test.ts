import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainLine } from './format.js';
import { writeWriterChain } from './test-utils/audit-dir.js';
import { AuditDirError, verifyAuditDir } from './verify.js';

let dir: string;
let files: string[];
const day = (d: string, n: number) => ({ day: d, lookups: Array.from({ length: n }, (_, i) => ({ ts: `${d}T10:00:0${i}.000+09:00` })) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  files = writeWriterChain(dir, 'crm1-w1', [day('2026-11-02', 3), day('2026-11-03', 4), day('2026-11-04', 2)]);
  writeWriterChain(dir, 'crm1-w2', [day('2026-11-02', 2), day('2026-11-03', 1)], { closeLast: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const path = (i: number) => join(dir, files[i] as string);
const lines = (i: number) => readFileSync(path(i), 'utf8').trimEnd().split('\n');
const put = (i: number, ls: string[]) => writeFileSync(path(i), ls.join('\n') + '\n');

describe('verifyAuditDir', () => {
  it('finds every chain intact', () => {
    const r = verifyAuditDir(dir);
    expect(r.findings).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.writers.map((w) => w.files.length)).toEqual([3, 2]);
  });

  it('names the line of an edited field', () => {
    const ls = lines(1);
    ls[2] = (ls[2] as string).replace('"status":200', '"status":404');
    put(1, ls);
    const r = verifyAuditDir(dir);
    expect(r.exitCode).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'changed', file: files[1], line: 3 })]);
  });

  it('names the line after one rewritten with a fresh hash', () => {
    const ls = lines(1);
    const { hash: _h, ...record } = JSON.parse(ls[2] as string) as Record<string, unknown>;
    const { prev, ...rest } = { ...record, status: 404 } as unknown as Record<string, unknown> & { prev: string };
    ls[2] = chainLine(rest as never, prev).line;
    put(1, ls);
    const r = verifyAuditDir(dir);
    expect(r.exitCode).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'changed', file: files[1], line: 4 })]);
  });

  it('names the line after a deleted one', () => {
    const ls = lines(1);
    ls.splice(2, 1);
    put(1, ls);
    const r = verifyAuditDir(dir);
    expect(r.exitCode).toBe(1);
    expect(r.findings.map((f) => [f.kind, f.file, f.line])).toContainEqual(['removed', files[1], 3]);
  });

  it('names two swapped lines as reordered', () => {
    const ls = lines(1);
    [ls[2], ls[3]] = [ls[3] as string, ls[2] as string];
    put(1, ls);
    const r = verifyAuditDir(dir);
    expect(r.exitCode).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'reordered', file: files[1], line: 3 })]);
  });

  it('names a closed file whose tail was cut off', () => {
    put(0, lines(0).slice(0, 2));
    const r = verifyAuditDir(dir);
    expect(r.exitCode).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'cut-off', file: files[0], line: 2 })]);
  });

  it('names the missing day by its file name', () => {
    rmSync(path(1));
    const r = verifyAuditDir(dir);
    expect(r.exitCode).toBe(1);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'missing-file', file: files[2], line: 1 })]);
    expect(r.findings[0]?.message).toContain(files[1]);
  });

  it('warns of a torn last line of the newest file and exits 0', () => {
    writeFileSync(path(2), readFileSync(path(2), 'utf8') + '{"v":1,"type":"lookup","seq":');
    const r = verifyAuditDir(dir);
    expect(r.exitCode).toBe(0);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'torn', severity: 'warning', file: files[2], line: 4 })]);
  });

  it('calls a torn line in a closed file tampering', () => {
    const ls = lines(0);
    ls[1] = (ls[1] as string).slice(0, 20);
    put(0, ls);
    expect(verifyAuditDir(dir).exitCode).toBe(1);
  });

  it('exits 2 for a directory it cannot read', () => {
    expect(() => verifyAuditDir(join(dir, 'nope'))).toThrow(AuditDirError);
    if (process.getuid?.() !== 0) {
      chmodSync(path(0), 0o000);
      expect(verifyAuditDir(dir).exitCode).toBe(2);
    }
  });
});
