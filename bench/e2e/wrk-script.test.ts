import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyRequest } from '../../src/protocol/verify.js';
import { output } from './load.js';
import { signedLookups } from './signed.js';
import { luaString, parseWrkDone, wrkScript } from './wrk-script.js';

const KEY = 'bf7769e5321448de88838cdb';
const dir = mkdtempSync(join(tmpdir(), 'custlink-wrk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The requests a script would send, read back from its Lua string literals. */
function requestsIn(script: string): Array<{ body: string; headers: Record<string, string> }> {
  const literal = '"((?:[^"\\\\]|\\\\\\d{3})*)"';
  const decode = (text: string) => Buffer.from(text.replace(/\\(\d{3})/g, (_, d: string) => String.fromCharCode(Number(d))), 'latin1').toString('utf8');
  return [...script.matchAll(new RegExp(`^  \\{ ${literal}, \\{ (.*) \\} \\},$`, 'gm'))].map((row) => ({
    body: decode(row[1]!),
    headers: Object.fromEntries([...row[2]!.matchAll(new RegExp(`\\[${literal}\\] = ${literal}`, 'g'))].map((h) => [decode(h[1]!), decode(h[2]!)])),
  }));
}

function verify(body: string, headers: Record<string, string | string[] | undefined>) {
  const header = (name: string) => String(headers[name] ?? '');
  return verifyRequest({ keys: [KEY], body, timestamp: header('x-tc-timestamp'), authorization: header('authorization') });
}

describe('wrkScript', () => {
  it('holds 2,000 distinct lookups, each signed so that verifyRequest accepts it', () => {
    const requests = requestsIn(wrkScript(signedLookups({ size: 2_000, rows: 1_000_000, key: KEY })));
    expect(requests).toHaveLength(2_000);
    expect(new Set(requests.map((r) => r.body)).size).toBe(2_000);
    for (const { body, headers } of requests) {
      expect(JSON.parse(body)).toMatchObject({ callNum: expect.stringMatching(/^010\d{8}$/), nation: 'korea' });
      expect(headers['content-type']).toBe('application/json');
      expect(verify(body, headers)).toMatchObject({ ok: true });
    }
  });

  it('keeps quotes, backslashes, newlines and Korean text byte for byte', () => {
    const body = '{"name":"홍길동","note":"a\\"b\\\\c\\n"}\n';
    expect(luaString('a"b')).toBe('"a\\034b"');
    expect(requestsIn(wrkScript([{ body, headers: { 'x-tc-timestamp': '1' } }]))[0]!.body).toBe(body);
  });

  const hasWrk = spawnSync('wrk', ['-v'], { stdio: 'ignore' }).error === undefined;
  if (!hasWrk && process.env.CI === 'true') throw new Error('wrk is not installed (CI=true: it must be there)');
  if (!hasWrk) console.warn('skipping the wrk run: wrk is not installed');

  it.skipIf(!hasWrk)('makes wrk send every lookup signed, and prints its figures for parseWrkDone', async () => {
    const lookups = signedLookups({ size: 50, rows: 1_000_000, key: KEY });
    const seen = new Set<string>();
    let refused = 0;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const ok = verify(body, req.headers).ok;
        if (ok) seen.add(body);
        else refused++;
        // A slow answer keeps this one connection to a few hundred requests: a check, not a load.
        setTimeout(() => res.writeHead(ok ? 200 : 403).end('{}'), 2);
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const script = join(dir, 'lookups.lua');
      writeFileSync(script, wrkScript(lookups));
      const { port } = server.address() as { port: number };
      const done = parseWrkDone(await output(['wrk', '-t1', '-c1', '-d1s', '--latency', '-s', script, `http://127.0.0.1:${port}/`]));
      expect(refused).toBe(0);
      expect(done).toMatchObject({ non2xx: 0, errors: 0 });
      expect(done.requests).toBeGreaterThan(lookups.length);
      expect(seen).toEqual(new Set(lookups.map((l) => l.body)));
      expect(done.p50Us).toBeGreaterThan(0);
      expect(done.p99Us).toBeGreaterThanOrEqual(done.p50Us);
    } finally {
      server.close();
    }
  });
});
