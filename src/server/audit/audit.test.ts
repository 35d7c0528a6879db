import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../protocol/key-fingerprint.js';
import { parseConfig } from '../config/parse.js';
import { captureLogger, configValue, KEY, makeDatabase, startTestServer, type TestServer } from '../harness.test.helper.js';
import { eventually } from '../sources/test-utils/services.js';
import type { Source } from '../types.js';
import { allText, walkChain } from './chain.test.helper.js';
import { auditFileName, localDay, subjectHash, type LookupRecord } from './format.js';
import { AuditWriter } from './writer.js';

const AUDIT_KEY = 'audit-key-0123456789abcdef0123456789abcdef';
const WRITER = 'test1';
const PHONE = '010-1234-5678';
const BODY = JSON.stringify({ callNum: ` ${PHONE} `, agentId: 'agent.kim' });

const db = makeDatabase();
afterAll(() => db.cleanup());

function auditValue(dir: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return configValue(db.file, {
    lookup: {
      callNum: { required: true, maxLength: 20, pattern: '^[0-9-]+$', normalize: 'trim' },
      nation: { maxLength: 10, values: ['korea', 'japan'] },
      agentId: { maxLength: 40 },
    },
    audit: { dir, key: AUDIT_KEY, writer: WRITER, agentItem: 'agentId' },
    ...overrides,
  });
}

const lookups = (dir: string): LookupRecord[] => walkChain(dir, WRITER).records.filter((r): r is LookupRecord => r.type === 'lookup');
const freshDir = (): string => join(mkdtempSync(join(tmpdir(), 'custlink-audit-')), 'audit');

async function ops(server: TestServer, path: string): Promise<number> {
  return (await fetch(server.origin + path)).status;
}

describe('audit: one record per request on an API path', () => {
  const dir = freshDir();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(auditValue(dir));
  });
  afterAll(() => server.close());

  it('records every outcome with its fields, and nothing for ops or unknown paths', async () => {
    const ok = await server.post(BODY);
    expect(ok.status).toBe(200);
    expect((await server.post(JSON.stringify({ callNum: '010-9999-9999' }))).json.error?.code).toBe('NOT_FOUND');
    expect((await server.post(JSON.stringify({ callNum: 'abc' }))).json.error?.code).toBe('ITEM_PATTERN_MISMATCH');
    expect((await server.post(BODY, { key: 'another-key-entirely-000' })).json.error?.code).toBe('BAD_SIGNATURE');
    expect((await server.post(BODY, { timestamp: Date.now() - 3_600_000 })).json.error?.code).toBe('STALE');
    expect((await fetch(server.url)).status).toBe(405);
    expect(await ops(server, '/healthz')).toBe(200);
    expect(await ops(server, '/metrics')).toBe(200);
    expect((await fetch(server.origin + '/elsewhere', { method: 'POST' })).status).toBe(404);

    const records = lookups(dir);
    expect(records.map((r) => [r.status, r.code])).toEqual([
      [200, 'OK'],
      [400, 'NOT_FOUND'],
      [400, 'ITEM_PATTERN_MISMATCH'],
      [403, 'BAD_SIGNATURE'],
      [403, 'STALE'],
      [405, 'METHOD_NOT_ALLOWED'],
    ]);
    const [found, notFound, , badSig, stale] = records as [LookupRecord, LookupRecord, LookupRecord, LookupRecord, LookupRecord];
    expect(found).toMatchObject({
      reqId: ok.headers.get('x-request-id'),
      api: 'default',
      keyFp: keyFingerprint(KEY),
      agent: 'agent.kim',
      task: 'lookup',
      found: true,
      items: ['userName', 'id', 'phone'],
      // After the item's normalize: the same person whatever way the number was written.
      subjects: { callNum: subjectHash(AUDIT_KEY, PHONE) },
    });
    expect(found.ip).toMatch(/127\.0\.0\.1/);
    expect(found.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(notFound).toMatchObject({ found: false, items: [], keyFp: keyFingerprint(KEY), subjects: { callNum: subjectHash(AUDIT_KEY, '010-9999-9999') } });
    expect(badSig).toMatchObject({ keyFp: null, subjects: {}, found: false });
    expect(stale).toMatchObject({ keyFp: null, subjects: {} });
  });

  it('keeps no lookup value, result value or key under the audit directory', async () => {
    await server.post(JSON.stringify({ callNum: '010-2222-3333' }));
    const text = allText(dir);
    expect(text.length).toBeGreaterThan(0);
    for (const clear of [PHONE, '01012345678', '1234-5678', '2222-3333', '9999-9999', '홍', 'hong.gildong', KEY, AUDIT_KEY]) {
      expect(text, clear).not.toContain(clear);
    }
  });

  it('chains every line: an open line first, each prev the hash of the line before', () => {
    const walked = walkChain(dir, WRITER);
    expect(walked.files).toEqual([auditFileName(localDay(new Date()), WRITER)]);
    expect(walked.records[0]).toMatchObject({ type: 'open', seq: 1, prevFile: null, writer: WRITER });
    expect(walked.torn).toEqual([]);
    expect(walked.breaks).toEqual([]);
  });
});

describe('audit: refusals before the path, and a failing source', () => {
  it('records IP_NOT_ALLOWED on the API path and a 500 from the source', async () => {
    const dir = freshDir();
    const failing: Source = {
      lookup: () => Promise.reject(new Error('connection refused')),
      ready: async () => {},
      close: async () => {},
    };
    const server = await startTestServer(auditValue(dir), failing);
    try {
      expect((await server.post(BODY)).json.error?.code).toBe('SOURCE_ERROR');
    } finally {
      await server.close();
    }
    const blocked = await startTestServer(auditValue(dir, { allowIps: ['10.0.0.0/8'] }));
    try {
      expect((await blocked.post(BODY)).status).toBe(403);
      expect((await fetch(blocked.origin + '/other', { method: 'POST' })).status).toBe(403);
    } finally {
      await blocked.close();
    }
    expect(lookups(dir).map((r) => [r.status, r.code, r.found])).toEqual([
      [500, 'SOURCE_ERROR', false],
      [403, 'IP_NOT_ALLOWED', false],
    ]);
    // The second server continued the first one's chain, in the same file.
    expect(walkChain(dir, WRITER).breaks).toEqual([]);
  });
});

describe('audit: fail closed', () => {
  it('answers 500 without data and is unready while the directory is replaced by a file, then recovers by itself', async () => {
    const dir = freshDir();
    const server = await startTestServer(auditValue(dir));
    try {
      expect((await server.post(BODY)).status).toBe(200);
      renameSync(dir, dir + '.moved');
      writeFileSync(dir, 'not a directory');
      const refused = await server.post(BODY);
      expect(refused.status).toBe(500);
      expect(refused.json).toEqual({ error: { code: 'AUDIT_WRITE_FAILED', message: '오류가 발생하였습니다.', detail: null } });
      expect(refused.text).not.toContain('홍');
      expect(await ops(server, '/readyz')).toBe(503);
      expect(await (await fetch(server.origin + '/metrics')).text()).toMatch(/custlink_audit_write_failures_total 1\b/);
      expect(server.lines.join('\n')).not.toContain(PHONE);

      rmSync(dir);
      renameSync(dir + '.moved', dir);
      // The probe notices within a second, without a request.
      await eventually(async () => (await ops(server, '/readyz')) === 200, 5_000);
      expect((await server.post(BODY)).status).toBe(200);
    } finally {
      await server.close();
    }
    const walked = walkChain(dir, WRITER);
    expect(walked.breaks).toEqual([]);
    expect(lookups(dir).map((r) => r.code)).toEqual(['OK', 'OK']);
  });

  it('answers anyway with onFailure: continue, and logs at error', async () => {
    const dir = freshDir();
    const server = await startTestServer(auditValue(dir, { audit: { dir, key: AUDIT_KEY, writer: WRITER, onFailure: 'continue' } }));
    try {
      rmSync(dir, { recursive: true });
      writeFileSync(dir, 'not a directory');
      const answered = await server.post(BODY);
      expect(answered.status).toBe(200);
      expect(server.records().some((r) => r.level === 50 && String(r.msg).includes('answered anyway'))).toBe(true);
    } finally {
      await server.close();
      rmSync(dir);
    }
  });

  it('answers 500 and is unready on a full disk (a 64 KiB tmpfs), then recovers once space is freed', async () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'custlink-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (error) {
      if (process.env.CI === 'true') throw error;
      console.warn(`skipped: cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`);
      return;
    }
    const dir = join(mountPoint, 'audit');
    const server = await startTestServer(auditValue(dir));
    try {
      expect((await server.post(BODY)).status).toBe(200);
      const filler = join(mountPoint, 'filler');
      try {
        writeFileSync(filler, Buffer.alloc(128 * 1024));
      } catch {
        // ENOSPC: the disk is full now
      }
      // The audit file's last page may still hold a few lines; the next page cannot be had.
      let refused;
      for (let i = 0; i < 40 && refused === undefined; i++) {
        const answer = await server.post(BODY);
        if (answer.status !== 200) refused = answer;
      }
      expect(refused?.status).toBe(500);
      expect(refused?.json.error?.code).toBe('AUDIT_WRITE_FAILED');
      expect(refused?.text).not.toContain('홍');
      expect(await ops(server, '/readyz')).toBe(503);
      rmSync(filler);
      await eventually(async () => (await ops(server, '/readyz')) === 200, 5_000);
      expect((await server.post(BODY)).status).toBe(200);
      const walked = walkChain(dir, WRITER);
      expect(walked.torn).toEqual([]);
      expect(walked.breaks).toEqual([]);
    } finally {
      await server.close();
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true });
    }
  });

  it('refuses to start when the directory cannot be created', () => {
    const parent = mkdtempSync(join(tmpdir(), 'custlink-audit-'));
    writeFileSync(join(parent, 'file'), '');
    const dir = join(parent, 'file', 'audit');
    return expect(startTestServer(auditValue(dir))).rejects.toThrow(/audit\.dir: cannot write the access records there \(ENOTDIR\)/);
  });
});

describe('audit: the chain across restarts and days', () => {
  it('continues after a torn last line (kill -9 mid-write): a newline first, then from the last valid line', async () => {
    const dir = freshDir();
    let server = await startTestServer(auditValue(dir));
    await server.post(BODY);
    await server.close();
    const file = join(dir, auditFileName(localDay(new Date()), WRITER));
    appendFileSync(file, '{"v":1,"type":"lookup","seq":3,"ts":"2026-');
    server = await startTestServer(auditValue(dir));
    await server.post(BODY);
    await server.close();
    const walked = walkChain(dir, WRITER);
    expect(walked.torn.map((t) => t.line)).toEqual([3]);
    expect(walked.breaks).toEqual([]);
    expect(walked.records.map((r) => r.type)).toEqual(['open', 'lookup', 'lookup']);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('ends the day with a close line and opens the next day naming it', async () => {
    const dir = freshDir();
    let now = new Date(2026, 11, 7, 23, 59, 0);
    const { logger } = captureLogger();
    const writer = new AuditWriter({ dir, writer: WRITER, keepDays: 365, fsync: 'off', logger, now: () => now });
    const record = (): Parameters<AuditWriter['append']>[0] => ({
      v: 1, type: 'lookup', seq: 0, ts: '', reqId: 'r', api: 'a', ip: null, keyFp: null, agent: null, task: 'lookup', status: 200, code: 'OK', found: true, items: ['x'], subjects: {},
    });
    await Promise.all([writer.append(record()), writer.append(record())]);
    now = new Date(2026, 11, 8, 0, 0, 1);
    await writer.append(record());
    writer.close();
    // A restart on a later day closes nothing twice.
    now = new Date(2026, 11, 9, 9, 0, 0);
    new AuditWriter({ dir, writer: WRITER, keepDays: 365, fsync: 'off', logger, now: () => now }).close();
    const walked = walkChain(dir, WRITER);
    expect(walked.files).toEqual(['audit-2026-12-07.test1.jsonl', 'audit-2026-12-08.test1.jsonl', 'audit-2026-12-09.test1.jsonl']);
    expect(walked.breaks).toEqual([]);
    expect(walked.records.map((r) => r.type)).toEqual(['open', 'lookup', 'lookup', 'close', 'open', 'lookup', 'close', 'open']);
    const [open1, , , close1, open2] = walked.records;
    expect(close1).toMatchObject({ records: 2, file: 'audit-2026-12-07.test1.jsonl', ts: expect.stringMatching(/^2026-12-08T00:00:01/) });
    expect((close1 as { first: string }).first).toBe(walked.records[1]!.prev);
    expect(open1).toMatchObject({ prevFile: null });
    expect(open2).toMatchObject({ prevFile: 'audit-2026-12-07.test1.jsonl' });
    expect(walked.records.at(-1)).toMatchObject({ prevFile: 'audit-2026-12-08.test1.jsonl' });
  });
});

describe('audit: retention', () => {
  it('deletes only files older than keepDays, at start, and logs each', () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const now = new Date(2026, 11, 7, 12, 0, 0);
    const old = ['audit-2025-12-06.other.jsonl', 'audit-2024-01-01.test1.jsonl'];
    const kept = ['audit-2025-12-07.other.jsonl', 'audit-2026-06-01.test1.jsonl', 'notes.txt'];
    for (const name of [...old, ...kept]) writeFileSync(join(dir, name), '');
    const { logger, records } = captureLogger();
    new AuditWriter({ dir, writer: WRITER, keepDays: 365, fsync: 'off', logger, now: () => now }).close();
    expect(readdirSync(dir).sort()).toEqual([...kept, 'audit-2026-12-07.test1.jsonl'].sort());
    expect(records().filter((r) => r.msg === 'audit retention: removed a file older than keepDays').map((r) => r.file).sort()).toEqual([...old].sort());
  });
});

describe('audit: config', () => {
  it('refuses a short key, keepDays under a year and an unknown onFailure', () => {
    const dir = freshDir();
    expect(() => parseConfig(auditValue(dir, { audit: { dir, key: 'short' } }), { env: {} })).toThrow(/audit\.key: must be at least 32 characters/);
    expect(() => parseConfig(auditValue(dir, { audit: { dir, key: AUDIT_KEY, keepDays: 30 } }), { env: {} })).toThrow(/audit\.keepDays/);
    expect(() => parseConfig(auditValue(dir, { audit: { dir, key: AUDIT_KEY, onFailure: 'ignore' } }), { env: {} })).toThrow(/audit\.onFailure/);
    const config = parseConfig(auditValue('rel/audit', { audit: { dir: 'rel/audit', key: AUDIT_KEY } }), { env: {}, file: '/etc/custlink/custlink.yaml' });
    expect(config.audit).toEqual({ dir: '/etc/custlink/rel/audit', key: AUDIT_KEY, keepDays: 365, onFailure: 'refuse', fsync: 'off' });
  });
});
