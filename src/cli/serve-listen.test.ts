import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger, configValue, makeDatabase } from '../server/harness.test.helper.js';
import type { RunningServer } from '../server/transport/http.js';
import { memoryIo } from './test-utils/memory-io.js';
import { runCli } from './test-utils/run-cli.js';
import { runServe } from './serve.js';

describe('custlink serve: the listen address', () => {
  const db = makeDatabase();
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    db.cleanup();
  });

  const configFile = (name: string, listen: Record<string, unknown>) => {
    const file = join(db.dir, name);
    writeFileSync(file, stringify(configValue('customers.sqlite', { listen: { host: '127.0.0.1', port: 0, path: '/lookup', ...listen } })));
    return file;
  };

  it.each([
    ['--port 99999', {}, ['--port', '99999'], 'listen.port: 99999 is not a port (1-65535, or 0 for any free port)'],
    ['a host this machine does not have', { host: '999.1.1.1' }, [], 'listen.host: 999.1.1.1 is not an address this machine has'],
    ['an IP address of another machine', { host: '192.0.2.1' }, [], 'listen.host: 192.0.2.1 is not an address this machine has'],
  ])('refuses %s at --check, and at start, naming the key', async (_, listen, flags, message) => {
    const file = configFile('bad-listen.yaml', listen);
    for (const check of [['--check'], []]) {
      const r = await runCli(['serve', '--config', file, ...flags, ...check]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`custlink serve: ${file}: ${message}`);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('refuses a port in use at --check, and at start, naming the address', async () => {
    const file = configFile('busy.yaml', { port: busyPort });
    for (const check of [['--check'], []]) {
      const r = await runCli(['serve', '--config', file, ...check]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file}: listen: 127.0.0.1:${busyPort} is in use`);
    }
  });

  it('--check counts in words: "1 lookup item", not "1 lookup item(s)"', async () => {
    const file = join(db.dir, 'one-item.yaml');
    const value = configValue('customers.sqlite');
    value.lookup = { callNum: { required: true, maxLength: 20 } };
    value.source = { ...(value.source as object), query: 'SELECT name, member_id, phone FROM customers WHERE phone = :callNum' };
    writeFileSync(file, stringify(value));
    const r = await runCli(['serve', '--config', file, '--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sqlite source answers; 1 lookup item, 3 result items; not started');
  });

  it('names the address it is bound to, and for 0.0.0.0 says so and gives a URL to use from here', async () => {
    const file = configFile('wildcard.yaml', { host: '0.0.0.0' });
    const { io, out } = memoryIo();
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    let listening!: (server: RunningServer) => void;
    const started = new Promise<RunningServer>((resolve) => (listening = resolve));
    const exited = runServe(['--config', file], io, { until, onListening: listening, logger: captureLogger().logger });
    const server = await started;
    expect(out()).toContain(
      `listening on http://0.0.0.0:${server.port}/lookup (every IPv4 address of this machine; from here: http://127.0.0.1:${server.port}/lookup)`,
    );
    stop();
    expect(await exited).toBe(0);
  });
});
