import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test-utils/run-cli.js';
import { configValue, KEY, makeDatabase } from '../harness.test.helper.js';
import { DASHED, dashedPhones } from '../sources/test-utils/stored-form.js';
import { send, serveChild, statuses, waitForStderr, workerPids, writeConfig } from './serve-child.test.helper.js';

const NEW_KEY = '0123456789abcdef01234567';

describe('custlink serve --workers 2', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('sums /metrics over the workers, starts another for a killed one, reloads keys in every worker, exits 0 on SIGTERM', async () => {
    const file = writeConfig(join(db.dir, 'workers.yaml'), configValue(db.file));
    const child = await serveChild(file, ['--workers', '2']);
    const origin = new URL(child.url).origin;
    try {
      expect(child.stdout()).toContain('(2 workers)');
      const [first, second] = workerPids(child);
      expect(new Set([first, second]).size).toBe(2);

      expect(await statuses(child.url, KEY, 20)).toEqual(Array(20).fill(200));
      // Each connection went to the next worker: one worker's counter alone would say 10.
      const metrics = await send(`${origin}/metrics`, { method: 'GET' });
      expect(metrics.body).toMatch(/custlink_requests_total\{status="200",code="OK",api="default"\} 20\n/);
      expect(metrics.body).toMatch(/custlink_request_duration_seconds_count\{status="2xx"\} 20\n/);
      // One build, however many workers: not summed to 2.
      expect(metrics.body).toMatch(/custlink_build_info\{version="[^"]+"\} 1\n/);
      expect(metrics.body).toMatch(/\nprocess_cpu_user_seconds_total \d/);
      expect((await send(`${origin}/readyz`, { method: 'GET' })).status).toBe(200);

      process.kill(first!, 'SIGKILL');
      await waitForStderr(child, new RegExp(`worker ${first} died \\(signal SIGKILL\\); starting another in \\d+ ms`));
      await waitForStderr(child, /(custlink serve: worker \d+ listening[^]*){3}/);
      const [, survivor, replacement] = workerPids(child);
      expect(survivor).toBe(second);
      expect(await statuses(child.url, KEY, 10)).toEqual(Array(10).fill(200));
      expect((await send(`${origin}/readyz`, { method: 'GET' })).status).toBe(200);

      // Key rotation (키 변경): the new key only. The primary checks the file, then every worker reloads it.
      writeConfig(file, configValue(db.file, { auth: { keys: [NEW_KEY] } }));
      process.kill(child.pid, 'SIGHUP');
      await waitForStderr(child, new RegExp(`worker ${survivor}\\): reloaded`));
      await waitForStderr(child, new RegExp(`worker ${replacement}\\): reloaded`));
      expect(await statuses(child.url, NEW_KEY, 10)).toEqual(Array(10).fill(200));
      expect(await statuses(child.url, KEY, 4)).toEqual(Array(4).fill(403));

      // A broken edit is refused by the primary and reaches no worker.
      writeConfig(file, configValue(db.file, { auth: { keys: [] } }));
      process.kill(child.pid, 'SIGHUP');
      await waitForStderr(child, /custlink serve: reload refused, the previous config keeps serving: .*auth\.keys: at least one key is required/);
      expect(child.stderr()).not.toMatch(/worker \d+\): reload refused/);
      expect(await statuses(child.url, NEW_KEY, 4)).toEqual(Array(4).fill(200));
    } finally {
      expect(await child.stop()).toBe(0);
    }
  }, 120_000);

  it('samples the stored form of normalize once, in the first worker: not in each, nor in one started again, nor on a reload', async () => {
    const file = writeConfig(join(db.dir, 'stored-form.yaml'), dashedPhones(join(db.dir, 'dashed.sqlite')));
    const child = await serveChild(file, ['--workers', '2']);
    const warned = () => child.stdout().split('\n').filter((line) => line.includes(JSON.stringify(DASHED))).length;
    try {
      // The workers' logs are written out every second.
      await expect.poll(warned, { timeout: 5_000 }).toBe(1);
      // Both, one after the other: whichever sampled is started again.
      for (const pid of workerPids(child)) {
        process.kill(pid, 'SIGKILL');
        await waitForStderr(child, new RegExp(`worker ${pid} died`));
      }
      await waitForStderr(child, /(custlink serve: worker \d+ listening[^]*){4}/);
      process.kill(child.pid, 'SIGHUP');
      await waitForStderr(child, /(worker \d+\): reloaded[^]*){2}/);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(warned()).toBe(1);
    } finally {
      expect(await child.stop()).toBe(0);
    }
  }, 60_000);

  it('answers the requests in flight on SIGTERM, then every worker and the primary exit 0', async () => {
    const held: ServerResponse[] = [];
    const upstream = createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const port = (upstream.address() as AddressInfo).port;
    const source = { type: 'http', url: `http://127.0.0.1:${port}/members?phone={callNum}` };
    const file = writeConfig(join(db.dir, 'drain.yaml'), configValue(db.file, { source, limits: { sourceTimeoutMs: 20_000 } }));
    const child = await serveChild(file, ['--workers', '2']);
    try {
      const answers = Promise.all(Array.from({ length: 6 }, () => send(child.url, { key: KEY })));
      await expect.poll(() => held.length, { timeout: 20_000 }).toBe(6);
      process.kill(child.pid, 'SIGTERM');
      await waitForStderr(child, /(worker \d+\): stopping[^]*){2}/);
      for (const res of held) res.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"홍길동","member_id":1001,"phone":"010-1234-5678"}');
      expect((await answers).map((a) => a.status)).toEqual(Array(6).fill(200));
      expect(await child.exited).toBe(0);
    } finally {
      await child.stop();
      upstream.close();
    }
  }, 60_000);

  it('exits 2 with the message when the workers cannot start, instead of starting them again and again', async () => {
    const file = writeConfig(join(db.dir, 'missing.yaml'), configValue(join(db.dir, 'missing.sqlite')));
    const error = await serveChild(file, ['--workers', '2']).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/exited \(2\) before printing its URL/);
    expect(error?.message).toMatch(/custlink serve \(worker \d+\): .*missing\.sqlite/);
    expect(error?.message).toMatch(/custlink serve: worker \d+ could not start \(exit code 2\); stopping/);
    expect(error?.message).not.toContain('starting another');
  });

  it('refuses auth.replay.store: memory with more than one worker, and says to use redis', async () => {
    const file = writeConfig(join(db.dir, 'memory.yaml'), configValue(db.file, { auth: { keys: [KEY], replay: { store: 'memory' } } }));
    const run = await runCli(['serve', '--config', file, '--workers', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}: auth.replay.store: memory is one process's memory; with --workers 2`);
    expect(run.stderr).toContain('Use store: redis');
    expect((await runCli(['serve', '--config', file, '--workers', '0'])).stderr).toContain('--workers must be at least 1');
  });
});
