import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { BODY, send, serveChild, statuses, waitForStderr, workerPids, writeConfig } from '../cluster/serve-child.test.helper.js';
import { configValue, KEY, makeDatabase } from '../harness.test.helper.js';
import { walkChain, writersIn } from './chain.test.helper.js';
import type { LookupRecord } from './format.js';

const AUDIT_KEY = 'audit-key-0123456789abcdef0123456789abcdef';

describe('custlink serve with audit, in real processes', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());
  const auditDir = (): string => join(mkdtempSync(join(tmpdir(), 'custlink-audit-serve-')), 'audit');

  it('--workers 2: one file per worker, each chain valid, a restarted worker continuing its slot', async () => {
    const dir = auditDir();
    const file = writeConfig(join(db.dir, 'audit-workers.yaml'), configValue(db.file, { audit: { dir, key: AUDIT_KEY, writer: 'node' } }));
    const child = await serveChild(file, ['--workers', '2']);
    try {
      expect(await statuses(child.url, KEY, 20)).toEqual(Array(20).fill(200));
      const [first] = workerPids(child);
      process.kill(first!, 'SIGKILL');
      await waitForStderr(child, /(custlink serve: worker \d+ listening[^]*){3}/);
      expect(await statuses(child.url, KEY, 10)).toEqual(Array(10).fill(200));
    } finally {
      expect(await child.stop()).toBe(0);
    }
    expect(writersIn(dir)).toEqual(['node-w1', 'node-w2']);
    let total = 0;
    for (const writer of ['node-w1', 'node-w2']) {
      const walked = walkChain(dir, writer);
      expect(walked.breaks, writer).toEqual([]);
      expect(walked.torn, writer).toEqual([]);
      total += walked.records.filter((r) => r.type === 'lookup').length;
    }
    expect(total).toBe(30);
  }, 120_000);

  it('kill -9 under load: every answered request has its record, and the restart continues the chain', async () => {
    const dir = auditDir();
    const file = writeConfig(join(db.dir, 'audit-kill.yaml'), configValue(db.file, { audit: { dir, key: AUDIT_KEY, writer: 'solo' } }));
    let child = await serveChild(file);
    const answered: string[] = [];
    let running = true;
    const client = async (): Promise<void> => {
      while (running) {
        try {
          const signed = signRequest({ key: KEY, body: BODY });
          const response = await fetch(child.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: signed.authorization, 'x-tc-timestamp': signed.timestamp },
            body: BODY,
          });
          await response.text();
          if (response.status === 200) answered.push(response.headers.get('x-request-id')!);
        } catch {
          return;
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await expect.poll(() => answered.length, { timeout: 20_000 }).toBeGreaterThan(200);
    process.kill(child.pid, 'SIGKILL');
    await child.exited;
    running = false;
    await Promise.all(clients);

    const before = walkChain(dir, 'solo');
    const recorded = new Set(before.records.flatMap((r) => (r.type === 'lookup' ? [(r as LookupRecord).reqId] : [])));
    expect(answered.filter((id) => !recorded.has(id))).toEqual([]);
    const lastHash = before.records.length;

    child = await serveChild(file);
    try {
      expect((await send(child.url, { key: KEY })).status).toBe(200);
    } finally {
      expect(await child.stop()).toBe(0);
    }
    const after = walkChain(dir, 'solo');
    expect(after.breaks).toEqual([]);
    // At most the line being written when the process died is torn.
    expect(after.torn.length).toBeLessThanOrEqual(1);
    expect(after.records.length).toBe(lastHash + 1);
    expect(after.records.at(-1)).toMatchObject({ type: 'lookup', code: 'OK', seq: lastHash + 1 });
  }, 120_000);
});
