import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../server/config/parse.js';
import { createEndpoint } from '../server/endpoint.js';
import { captureLogger } from '../server/harness.test.helper.js';
import { DASHED, dashedPhones } from '../server/sources/test-utils/stored-form.js';
import type { RunningServer } from '../server/transport/http.js';
import type { Io } from './command.js';
import { runServe } from './serve.js';
import { runCli } from './test-utils/run-cli.js';

/*
 * The stored-form check of `normalize` (a query on the customer table per API) runs where a
 * person reads it, once: at `serve` start and at `serve --check`. Not again on SIGHUP, nor when
 * code builds an endpoint for an adapter (--workers: src/server/cluster/workers.test.ts).
 */
const dir = mkdtempSync(join(tmpdir(), 'custlink-serve-stored-form-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A config of two APIs on the same dashed phones: each warning must say which API it is about. */
function twoApis(file: string): Record<string, unknown> {
  const { auth, lookup, source, result } = dashedPhones(file);
  const api = { auth, lookup, source, result };
  return { listen: { host: '127.0.0.1', port: 0 }, log: { level: 'info' }, apis: [{ name: '회원정보', path: '/members', ...api }, { name: '상담이력', path: '/history', ...api }] };
}

describe('the stored-form check of normalize', () => {
  it('serve warns once per API at start, naming it; a SIGHUP reload does not sample the database again', async () => {
    const file = join(dir, 'serve.yaml');
    writeFileSync(file, stringify(twoApis(join(dir, 'serve.sqlite'))));
    let err = '';
    const io: Io = { stdin: Readable.from([]), stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) }, env: {} };
    const { logger, records } = captureLogger();
    let stop!: () => void;
    let listening!: (server: RunningServer) => void;
    const started = new Promise<RunningServer>((r) => (listening = r));
    const exited = runServe(['--config', file, '--port', '0'], io, { until: new Promise<void>((r) => (stop = r)), logger, onListening: listening });
    // A start that fails returns instead of listening: its message, not a timeout.
    await Promise.race([started, exited.then((code) => expect.fail(`serve exited ${code}: ${err}`))]);
    const warned = () => records().filter((r) => r.msg === DASHED).map((r) => [r.level, r.api]);
    try {
      expect(warned()).toEqual([[40, '회원정보'], [40, '상담이력']]);
      process.emit('SIGHUP', 'SIGHUP');
      for (let i = 0; i < 200 && !err.includes('reloaded'); i++) await new Promise((r) => setTimeout(r, 10));
      expect(err).toContain(`reloaded ${file}`);
      expect(warned()).toHaveLength(2);
    } finally {
      stop();
    }
    expect(await exited).toBe(0);
  });

  it('an endpoint built in code (for an adapter) does not sample, unless asked', async () => {
    const config = parseConfig(dashedPhones(join(dir, 'adapter.sqlite')), { env: {} });
    for (const [checkStoredForm, expected] of [[undefined, 0], [true, 1]] as const) {
      const { logger, records } = captureLogger();
      const endpoint = await createEndpoint(config, { logger, ...(checkStoredForm && { checkStoredForm }) });
      await endpoint.close();
      expect(records().filter((r) => r.msg === DASHED)).toHaveLength(expected);
    }
  });

  it('serve --check prints it for a CSV imported as is, each line naming its API when there are several', async () => {
    const one = join(dir, 'one.yaml');
    writeFileSync(one, stringify(dashedPhones(join(dir, 'one.sqlite'))));
    const single = await runCli(['serve', '--config', one, '--check']);
    expect(single.code).toBe(0);
    expect(single.stdout).toContain(`  warning: ${DASHED}\n`);

    const two = join(dir, 'two.yaml');
    writeFileSync(two, stringify(twoApis(join(dir, 'two.sqlite'))));
    const several = await runCli(['serve', '--config', two, '--check']);
    expect(several.code).toBe(0);
    expect(several.stdout).toContain(`  warning: 회원정보: ${DASHED}\n  warning: 상담이력: ${DASHED}\n`);
  });
});
