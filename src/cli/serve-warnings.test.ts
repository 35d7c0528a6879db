import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { captureLogger, configValue, makeDatabase } from '../server/harness.test.helper.js';
import { createEndpoint } from '../server/endpoint.js';
import { loadConfigFile } from '../server/config/load-file.js';
import type { Io } from './command.js';
import { main } from './index.js';
import { spawnCli } from './test-utils/run-cli.js';

function testIo(): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: Io = { stdin: Readable.from([]), stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env: {} };
  return { io, out: () => out, err: () => err };
}

describe('custlink serve: a wildcard host without allowIps', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it.each(['0.0.0.0', '::'])('warns on --check and at start that every address may call (host %s)', async (host) => {
    const file = join(db.dir, `wild-${host === '::' ? 'v6' : 'v4'}.yaml`);
    const value = configValue('customers.sqlite', { listen: { host, port: 0, path: '/lookup', tls: undefined } });
    writeFileSync(file, stringify(value));
    const check = testIo();
    expect(await main(['serve', '--config', file, '--check'], check.io)).toBe(0);
    expect(check.out()).toMatch(new RegExp(`warning: listen.host is ${host.replace(/\./g, '\\.')} and allowIps is not set: every address`));
    const capture = captureLogger();
    await (await createEndpoint(loadConfigFile(file, {}), { logger: capture.logger })).close();
    expect(capture.records().filter((r) => String(r.msg).includes('allowIps is not set'))).toHaveLength(1);
    // With allowIps the operator has chosen who calls: no warning.
    writeFileSync(file, stringify({ ...value, allowIps: ['10.0.0.0/8'] }));
    const listed = testIo();
    expect(await main(['serve', '--config', file, '--check'], listed.io)).toBe(0);
    expect(listed.out()).not.toContain('allowIps is not set');
  });
});

describe('custlink serve: a corrupt SQLite file', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it.each([
    ['random bytes', Buffer.alloc(8192, 0x5a)],
    ['a SQLite header over garbage', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0xa5)])],
  ])('exits 2 naming source.file, like any config error, for %s (start and --check)', (_, bytes) => {
    writeFileSync(join(db.dir, 'corrupt.sqlite'), bytes);
    const file = join(db.dir, 'corrupt.yaml');
    writeFileSync(file, stringify(configValue('corrupt.sqlite', { listen: { host: '127.0.0.1', port: 0, path: '/lookup' } })));
    for (const argv of [['serve', '--config', file, '--check'], ['serve', '--config', file]]) {
      const run = spawnCli(argv);
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.stderr).toMatch(/custlink serve: .*corrupt\.yaml: source\.file: cannot open .*corrupt\.sqlite read-only: file is not a database/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
