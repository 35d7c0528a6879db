import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CliChild } from '../../cli/test-utils/run-cli.js';
import { configValue, KEY, makeDatabase } from '../harness.test.helper.js';
import { serveChild, statuses, waitForStderr, workerPids, writeConfig } from './serve-child.test.helper.js';

/** A GET on a connection of its own; resolves with the answer and how long it took, or `undefined` if none came within `giveUpMs`. */
function scrape(url: string, giveUpMs: number): Promise<{ status: number; body: string; ms: number } | undefined> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
      res.on('error', () => resolve(undefined));
    });
    req.setTimeout(giveUpMs, () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone: the primary killed it.
  }
}

describe('custlink serve --workers 2: a hung worker', () => {
  const db = makeDatabase();
  const stopped: number[] = [];
  let child: CliChild | undefined;
  afterEach(async () => {
    for (const pid of stopped.splice(0)) kill(pid);
    await child?.stop();
    child = undefined;
  });
  afterAll(() => db.cleanup());

  it('is killed and replaced once silent past limits.workerHeartbeatTimeoutMs, counted in /metrics, which meanwhile answers without it', async () => {
    const file = writeConfig(join(db.dir, 'heartbeat.yaml'), configValue(db.file, { log: { level: 'warn' }, limits: { workerHeartbeatTimeoutMs: 5_000 } }));
    child = await serveChild(file, ['--workers', '2']);
    const metricsUrl = `${new URL(child.url).origin}/metrics`;
    const [hung, survivor] = workerPids(child);
    expect(await statuses(child.url, KEY, 10)).toEqual(Array(10).fill(200));
    const before = await scrape(metricsUrl, 5_000);
    expect(before?.body).toMatch(/custlink_workers_replaced_total\{reason="heartbeat"\} 0\n/);

    stopped.push(hung!);
    process.kill(hung!, 'SIGSTOP');
    const stoppedAt = Date.now();
    // node:cluster hands the stopped worker at most one connection (it never takes it): the others reach the survivor.
    const scrapes = await Promise.all(Array.from({ length: 4 }, () => scrape(metricsUrl, 2_500)));
    const answered = scrapes.filter((s) => s !== undefined);
    expect(answered.length).toBeGreaterThanOrEqual(3);
    for (const s of answered) {
      expect(s.status).toBe(200);
      // Left out after a second instead of failing the scrape or holding it.
      expect(s.ms).toBeLessThan(1_500);
      expect(s.body).toMatch(/custlink_requests_total\{status="200",code="OK",api="default"\} \d+\n/);
    }
    // Still within the timeout: not replaced yet.
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(child.stderr()).not.toContain('sent no heartbeat');

    const warning = await waitForStderr(child, new RegExp(`custlink serve: warning: worker \\d+ \\(pid ${hung}\\) sent no heartbeat for (\\d+) ms`), 10_000);
    expect(Number(warning[1])).toBeGreaterThan(5_000);
    await waitForStderr(child, new RegExp(`worker ${hung} died \\(signal SIGKILL\\); starting another`));
    await waitForStderr(child, /(custlink serve: worker \d+ listening[^]*){3}/);
    const [, , replacement] = workerPids(child);
    expect(replacement).not.toBe(hung);
    expect(replacement).not.toBe(survivor);

    expect(await statuses(child.url, KEY, 10)).toEqual(Array(10).fill(200));
    const after = await scrape(metricsUrl, 5_000);
    expect(after?.body).toMatch(/custlink_workers_replaced_total\{reason="heartbeat"\} 1\n/);
    expect(await child.stop()).toBe(0);
  }, 60_000);
});
