import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../protocol/sign.js';
import { captureLogger, configValue, KEY, makeDatabase } from '../server/harness.test.helper.js';
import type { RunningServer } from '../server/transport/http.js';
import { stopUnderLoad } from '../server/transport/keep-alive-load.test.helper.js';
import type { Io } from './command.js';
import { main } from './index.js';
import { runServe } from './serve.js';
import { startCliChild } from './test-utils/run-cli.js';
import { keyFingerprint } from '../protocol/key-fingerprint.js';

function testIo(env: Record<string, string> = {}): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: Io = { stdin: Readable.from([]), stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env };
  return { io, out: () => out, err: () => err };
}

/** `custlink serve --config file --port 0` in this process, with a stop switch. */
async function serveInProcess(file: string, io: Io): Promise<{ server: RunningServer; stop: () => void; exited: Promise<number> }> {
  let stop!: () => void;
  const until = new Promise<void>((r) => (stop = r));
  let listening!: (server: RunningServer) => void;
  const started = new Promise<RunningServer>((r) => (listening = r));
  const exited = runServe(['--config', file, '--port', '0'], io, { until, logger: captureLogger().logger, onListening: listening });
  return { server: await started, stop, exited };
}

describe('custlink serve', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('starts the endpoint from a YAML file, prints the URL, serves, and stops when told', async () => {
    const file = join(db.dir, 'custlink.yaml');
    const value = configValue('customers.sqlite', { auth: { keys: ['${CUSTLINK_KEY}'] } });
    writeFileSync(file, stringify(value));
    const { io, out } = testIo({ CUSTLINK_KEY: KEY });
    const { server, stop, exited } = await serveInProcess(file, io);
    expect(out()).toContain(`listening on ${server.url}`);
    expect(out()).toContain(`key fingerprints ${keyFingerprint(KEY)} `);
    expect(out()).not.toContain(KEY);
    const body = '{"callNum":"010-1234-5678"}';
    const signed = signRequest({ key: KEY, body });
    const response = await fetch(server.url, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: signed.authorization, 'x-tc-timestamp': signed.timestamp } });
    expect(await response.json()).toEqual({ data: { userName: '홍*동', id: '1001', phone: '010-****-5678' } });
    stop();
    expect(await exited).toBe(0);
  });

  it('applies the edited config on SIGHUP, and keeps the previous one when the edit is broken', async () => {
    const file = join(db.dir, 'reload.yaml');
    const newKey = '0123456789abcdef01234567';
    writeFileSync(file, stringify(configValue('customers.sqlite')));
    const { io, err } = testIo();
    const { server, stop, exited } = await serveInProcess(file, io);
    const body = '{"callNum":"010-1234-5678"}';
    const status = async (key: string) => {
      const signed = signRequest({ key, body });
      return (await fetch(server.url, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: signed.authorization, 'x-tc-timestamp': signed.timestamp } })).status;
    };
    const hangUp = async (expected: string) => {
      process.emit('SIGHUP', 'SIGHUP');
      for (let i = 0; i < 100 && !err().includes(expected); i++) await new Promise((r) => setTimeout(r, 10));
      expect(err()).toContain(expected);
    };
    try {
      expect(await status(KEY)).toBe(200);
      writeFileSync(file, stringify(configValue('customers.sqlite', { auth: { keys: [KEY, newKey] } })));
      await hangUp(`reloaded ${file}`);
      expect([await status(KEY), await status(newKey)]).toEqual([200, 200]);
      writeFileSync(file, stringify(configValue('customers.sqlite', { auth: { keys: [] } })));
      await hangUp(`reload refused, the previous config keeps serving: ${file}: auth.keys: at least one key is required`);
      expect(await status(newKey)).toBe(200);
    } finally {
      stop();
    }
    expect(await exited).toBe(0);
    expect(process.listenerCount('SIGHUP')).toBe(0);
  });

  it('on SIGTERM answers every request sent on 50 looping keep-alive connections, resets none, and exits 0', async () => {
    const file = join(db.dir, 'drain.yaml');
    writeFileSync(file, stringify(configValue('customers.sqlite', { log: { level: 'warn' } })));
    const child = await startCliChild(['serve', '--config', file, '--port', '0'], /listening on (http:\S+)/);
    let code: number | null = null;
    const tally = await stopUnderLoad(child.url, 50, async () => (code = await child.stop()));
    expect(code).toBe(0);
    expect(tally.lost).toEqual([]);
    expect(tally.malformed).toEqual([]);
    expect(tally.refused).toBe(50);
  });

  it('--check opens the source, prints the warnings and exits 0 without serving; 2 for a config that would not start', async () => {
    const file = join(db.dir, 'check.yaml');
    // An unindexed column: the check passes, with the full-scan warning.
    writeFileSync(file, stringify(configValue('customers.sqlite', { source: { type: 'sqlite', file: 'customers.sqlite', query: 'SELECT name, member_id, phone FROM customers WHERE email = :callNum' } })));
    const ok = testIo();
    expect(await main(['serve', '--config', file, '--check'], ok.io)).toBe(0);
    expect(ok.out()).toContain(`${file} would start: sqlite source answers; 2 lookup items, 3 result items; not started (--check)`);
    expect(ok.out()).toContain('warning: source.query reads every row of customers');
    writeFileSync(file, stringify(configValue('customers.sqlite', { result: { userName: 'nickname' } })));
    const bad = testIo();
    expect(await main(['serve', '--config', file, '--check'], bad.io)).toBe(2);
    expect(bad.err()).toContain(`${file}: result.userName: column "nickname" is not in the query's result`);
  });

  it('prints the config error and exits 2 without starting', async () => {
    const file = join(db.dir, 'bad.yaml');
    writeFileSync(file, stringify(configValue('customers.sqlite', { auth: { keys: ['${CUSTLINK_KEY}'] } })));
    const { io, err } = testIo();
    expect(await main(['serve', '--config', file], io)).toBe(2);
    expect(err()).toContain(`${file}: auth.keys[0]: environment variable CUSTLINK_KEY is not set`);
  });

  it('names the config file for a problem found at start, such as a missing database', async () => {
    const file = join(db.dir, 'nodb.yaml');
    writeFileSync(file, stringify(configValue('missing.sqlite')));
    const { io, err } = testIo();
    expect(await main(['serve', '--config', file], io)).toBe(2);
    expect(err()).toContain(`${file}: source.file: cannot open`);
  });

  it('names a config file that does not exist', async () => {
    const { io, err } = testIo();
    expect(await main(['serve', '--config', join(db.dir, 'none.yaml')], io)).toBe(2);
    expect(err()).toMatch(/none\.yaml: file not found/);
  });
});
