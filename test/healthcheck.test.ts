import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/server/config/parse.js';
import { configValue, makeDatabase } from '../src/server/harness.test.helper.js';
import { startServer } from '../src/server/transport/http.js';

/*
 * The image's HEALTHCHECK (deploy/healthcheck.mjs) run for real against a serving endpoint: it
 * must follow the config's listen.port and listen.tls, not assume 8080 over HTTP.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = join(ROOT, 'deploy', 'healthcheck.mjs');
const TLS = { cert: join(ROOT, 'src/client/test-utils/test-server.pem'), key: join(ROOT, 'src/client/test-utils/test-server.key') };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Runs the probe as Docker does; asynchronously, since the endpoint it asks runs in this process. */
function probe(config: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT], { env: { ...process.env, CUSTLINK_CONFIG: config }, encoding: 'utf8', timeout: 20_000 }, (error, _stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stderr });
    });
  });
}

describe('deploy/healthcheck.mjs', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  for (const tls of [false, true]) {
    it(`probes /healthz at the configured port${tls ? ' over HTTPS' : ''}: 0 while serving, 1 once stopped`, async () => {
      const port = await freePort();
      const value = configValue(db.file, { listen: { host: '0.0.0.0', port, path: '/lookup', ...(tls && { tls: TLS }) } });
      const file = join(db.dir, `health-${tls ? 'tls' : 'plain'}.yaml`);
      writeFileSync(file, stringify(value));
      const server = await startServer(parseConfig(value, { file }));
      try {
        expect(await probe(file)).toEqual({ code: 0, stderr: '' });
      } finally {
        await server.close();
      }
      expect((await probe(file)).code).toBe(1);
    });
  }

  it('fails with the config error when the config does not load', async () => {
    const result = await probe(join(db.dir, 'missing.yaml'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/custlink healthcheck: .*file not found/);
  });
});
