import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../harness.test.helper.js';
import { walkChain } from './chain.test.helper.js';
import type { PendingLookup } from './sink.js';
import { AuditWriter } from './writer.js';

// The real calls, each also telling which file its descriptor is (read at the call, since the
// descriptor may be closed or reused right after).
const calls: { how: 'pool' | 'loop'; file: string }[] = [];
let failNext: NodeJS.ErrnoException | undefined;
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fileOf = (fd: number): string => basename(real.readlinkSync(`/proc/self/fd/${fd}`));
  return {
    ...real,
    fdatasync: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
      calls.push({ how: 'pool', file: fileOf(fd) });
      const error = failNext;
      failNext = undefined;
      if (error !== undefined) return setImmediate(() => done(error));
      real.fdatasync(fd, done);
    },
    fdatasyncSync: (fd: number) => {
      calls.push({ how: 'loop', file: fileOf(fd) });
      real.fdatasyncSync(fd);
    },
  };
});

const WRITER = 'sync1';
const record = (): PendingLookup => ({
  v: 1, type: 'lookup', seq: 0, ts: '', reqId: 'r', api: 'a', ip: null, keyFp: null, agent: null, task: 'lookup', status: 200, code: 'OK', found: true, items: ['x'], subjects: {},
});

let writer: AuditWriter | undefined;
afterEach(() => {
  writer?.close();
  writer = undefined;
  calls.length = 0;
});

describe('audit: fsync every N ms', () => {
  it('syncs the day file in the background, not on the event loop, and not when nothing was written', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'custlink-fsync-')), 'audit');
    writer = new AuditWriter({ dir, writer: WRITER, keepDays: 365, fsync: 20, logger: captureLogger().logger });
    await writer.append(record());
    await vi.waitFor(() => expect(calls).toEqual([{ how: 'pool', file: walkChain(dir, WRITER).files[0] }]));
    // Idle: two more intervals pass, nothing new to sync.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toHaveLength(1);
    await writer.append(record());
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls.every((c) => c.how === 'pool')).toBe(true);
  });

  it('turns unready when a background sync fails, and ready again with the next write', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'custlink-fsync-')), 'audit');
    const { logger, records } = captureLogger();
    writer = new AuditWriter({ dir, writer: WRITER, keepDays: 365, fsync: 20, logger });
    failNext = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    await writer.append(record());
    await vi.waitFor(() => expect(writer!.failure?.message).toMatch(/cannot be written to .*\(EIO\)/));
    expect(records().some((r) => r.msg === 'audit records cannot be written' && r.code === 'EIO')).toBe(true);
    await writer.append(record());
    expect(writer.failure).toBeUndefined();
  });

  it('syncs a day file on the loop before closing it, at the day change and on stop', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'custlink-fsync-')), 'audit');
    let now = new Date(2026, 11, 7, 23, 59, 0);
    // A long interval: only the day change and the stop sync here.
    writer = new AuditWriter({ dir, writer: WRITER, keepDays: 365, fsync: 60_000, logger: captureLogger().logger, now: () => now });
    await writer.append(record());
    now = new Date(2026, 11, 8, 0, 0, 1);
    await writer.append(record());
    writer.close();
    expect(calls).toEqual([
      { how: 'loop', file: 'audit-2026-12-07.sync1.jsonl' },
      { how: 'loop', file: 'audit-2026-12-08.sync1.jsonl' },
    ]);
  });
});
