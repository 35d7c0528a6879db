import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/client/client.js';
import { startTsxChild, type CliChild } from '../src/cli/test-utils/run-cli.js';
import { generateKey } from '../src/protocol/generate-key.js';

/*
 * Each app in examples/ run as its README says: `custlink import` of the example customers, then
 * `tsx app.ts` in its folder, importing `custlink/server` by the package's name (the repository
 * resolves its own name through package.json "exports" to dist/, as an installed package would;
 * `npm install` builds it, `npm run build` after a change). Its own
 * custlink.yaml is used, copied beside a database in a temp folder so the checkout stays clean.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const LISTENING = /listening on (http:\S+)/;
const KEY = generateKey();

let work: string;
let database: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'custlink-examples-'));
  database = join(work, 'customers.sqlite');
  const cli = join(ROOT, 'dist', 'cli', 'bin.js');
  execFileSync(process.execPath, [cli, 'import', join(EXAMPLES, 'customers.csv'), '--db', database, '--index', 'phone'], { stdio: 'pipe' });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function start(name: string, script: string, argv: string[] = []): Promise<CliChild> {
  const dir = join(work, name);
  mkdirSync(dir);
  copyFileSync(join(EXAMPLES, name, 'custlink.yaml'), join(dir, 'custlink.yaml'));
  copyFileSync(database, join(dir, 'customers.sqlite'));
  return startTsxChild(script, argv, LISTENING, {
    cwd: join(EXAMPLES, name),
    env: { PORT: '0', CUSTLINK_KEY: KEY, CUSTLINK_CONFIG: join(dir, 'custlink.yaml') },
  });
}

// A Next.js route handler serves its own path only: the ops paths are not routed to it.
describe.each([
  ['express', 'app.ts', [], true],
  ['fastify', 'app.ts', [], true],
  ['hono', 'app.ts', [], true],
  ['nextjs', join(ROOT, 'test', 'next-route-server.ts'), ['/customer'], false],
] as const)('examples/%s', (name, script, argv, ops) => {
  let app: CliChild;
  beforeAll(async () => {
    app = await start(name, script, [...argv]);
  });
  afterAll(async () => {
    if (app) expect(await app.stop()).toBe(0);
  });

  it('answers a signed lookup with the customer, masked as configured (조회 성공)', async () => {
    const result = await createClient({ url: app.url, key: KEY }).lookup({ callNum: '010-1234-5678' });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ userName: '김*준', id: 'M1001', email: 'mi********@example.com', grade: 'VIP' });
  });

  it('refuses an unsigned lookup with 403', async () => {
    const result = await createClient({ url: app.url }).lookup({ callNum: '01012345678' });
    expect(result.status).toBe(403);
    expect(result.agentMessage.ko).toBe('요청한 서버에 조회 권한이 없습니다.');
  });

  if (ops) it('serves /healthz to a loopback caller: the app passes the peer address', async () => {
    expect((await fetch(new URL('/healthz', app.url))).status).toBe(200);
  });
});
