import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey } from '../src/protocol/generate-key.js';
import { parseConfig } from '../src/server/config/parse.js';
import { starterConfig } from '../src/server/config/starter.js';
import { startServer } from '../src/server/transport/http.js';
import { excelCsv, readmeBlocks, readmeShellBlocks, runBlock, type ReadmeBlock } from './test-utils/readme.js';

/*
 * Every shell block of README.md and README.ko.md runs here as a reader would paste it (bash
 * -euo pipefail, `custlink` on PATH, an empty directory), unless the line before its fence says
 * `<!-- illustrative: why -->`. Blocks are found in the files, so a new one fails this suite
 * until it gets a row in SETUPS (what the reader is assumed to have) or that mark.
 */

/** The endpoint a block assumes running: the starter config over one customer, 김민준 at 01012345678. */
interface Endpoint {
  url: string;
  key: string;
}

interface Setup {
  /** Files the block finds in its directory. */
  files?: Record<string, string | Buffer>;
  /** Starts the starter endpoint at this path before the block, stops it after. */
  endpoint?: string;
  /** The block's stand-ins (an example URL) → what they stand for here. */
  replace?: (endpoint: Endpoint) => Record<string, string>;
  env?: (endpoint: Endpoint) => NodeJS.ProcessEnv;
  /** The reader's second terminal, while the block's `custlink serve` or `console` runs at $URL. */
  whileUp?: string;
  /** What its output must show. */
  expect: RegExp[];
}

const OWN_ENDPOINT: Setup = {
  files: { 'customers.csv': excelCsv('name,member_id,phone,address') },
  whileUp: 'custlink call "$URL" --key "$(cat custlink.key)" callNum=010-1234-5678',
  expect: [/read as CP949/, /^status\s+200$/m, /^userName\s+김\*준$/m],
};

const SETUPS: Record<string, Setup> = {
  'README.md › Your own endpoint': OWN_ENDPOINT,
  'README.md › Your own endpoint (2)': {
    files: { 'customers.csv': excelCsv('이름,회원번호,전화번호,주소') },
    expect: [/imported 2 rows into customers/, /rejected 0 rows/],
  },
  'README.md › The helpdesk side': {
    endpoint: '/oc',
    replace: ({ url }) => ({ 'https://crm.example.com/oc': url }),
    env: ({ key }) => ({ KEY: key }),
    expect: [/^status\s+200$/m, /18 probes: \d+ pass, 0 fail/],
  },
  'README.md › Console': {
    whileUp: `curl -fsS "$URL" | grep -o '<title>[^<]*</title>'`,
    expect: [/(<title>custlink console · 고객정보 연동<\/title>[\s\S]*){2}/],
  },
  'README.ko.md › 내 고객 데이터로 서버 만들기': OWN_ENDPOINT,
  'README.ko.md › 내 고객 데이터로 서버 만들기 (2)': {
    endpoint: '/',
    replace: ({ url }) => ({ 'http://127.0.0.1:8080/': url }),
    env: ({ key }) => ({ CUSTLINK_KEY: key }),
    expect: [/^status\s+200$/m],
  },
};

/** What keeps `blocks` from being run as the suite promises, one line each (empty when all is well). */
function problems(blocks: ReadmeBlock[], setups: Record<string, Setup>): string[] {
  const found: string[] = [];
  for (const block of blocks) {
    if (block.illustrative === '') found.push(`${block.id}: marked illustrative without a reason (<!-- illustrative: why -->)`);
    if (block.illustrative === undefined && !(block.id in setups)) {
      found.push(`${block.id}: no row in SETUPS; add one (files, endpoint, expected output) or mark it <!-- illustrative: why -->`);
    }
    if (block.illustrative !== undefined && block.id in setups) found.push(`${block.id}: marked illustrative but has a row in SETUPS`);
  }
  const ids = new Set(blocks.map((b) => b.id));
  for (const id of Object.keys(setups)) if (!ids.has(id)) found.push(`${id}: a row in SETUPS for a block that is gone`);
  return found;
}

async function starterEndpoint(dir: string, path: string) {
  const file = join(dir, 'crm.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE customers (name TEXT, member_id TEXT, phone TEXT)');
  db.prepare('INSERT INTO customers VALUES (?, ?, ?)').run('김민준', 'M0001', '01012345678');
  db.close();
  const starter = parse(starterConfig('sqlite')) as { listen: object; source: object };
  const raw = { ...starter, listen: { ...starter.listen, port: 0, path }, source: { ...starter.source, file } };
  const key = generateKey();
  const server = await startServer(parseConfig(raw, { env: { CUSTLINK_KEY: key } }), { logger: pino({ level: 'silent' }) });
  return { url: server.url, key, close: () => server.close() };
}

const BLOCKS = [...readmeShellBlocks('README.md'), ...readmeShellBlocks('README.ko.md')];
const work = mkdtempSync(join(tmpdir(), 'custlink-readme-blocks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('README shell blocks', () => {
  it('are each run below or marked illustrative with a reason', () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(8);
    expect(problems(BLOCKS, SETUPS)).toEqual([]);
  });

  it('a new block without a row or a mark fails, as does a mark without a reason', () => {
    const readme = [
      '## Your own endpoint', '```sh', 'custlink serve', '```', '', 'Then:', '', '```sh', 'custlink frobnicate', '```',
      '## Later', '', '<!-- illustrative -->', '```bash', 'npm run bench', '```',
    ].join('\n');
    expect(problems(readmeBlocks('README.md', readme), { 'README.md › Your own endpoint': OWN_ENDPOINT })).toEqual([
      'README.md › Your own endpoint (2): no row in SETUPS; add one (files, endpoint, expected output) or mark it <!-- illustrative: why -->',
      'README.md › Later: marked illustrative without a reason (<!-- illustrative: why -->)',
    ]);
  });

  for (const block of BLOCKS.filter((b) => b.illustrative === undefined)) {
    it(`${block.id}: runs as written`, async () => {
      const setup = SETUPS[block.id];
      expect(setup, `${block.id} has no row in SETUPS`).toBeDefined();
      const dir = mkdtempSync(join(work, 'block-'));
      for (const [name, content] of Object.entries(setup!.files ?? {})) writeFileSync(join(dir, name), content);
      const endpoint = setup!.endpoint === undefined ? undefined : await starterEndpoint(dir, setup!.endpoint);
      try {
        let code = block.code;
        for (const [from, to] of Object.entries(endpoint ? (setup!.replace?.(endpoint) ?? {}) : {})) {
          expect(code, `${block.id} still shows ${from}`).toContain(from);
          code = code.replaceAll(from, to);
        }
        const env = endpoint ? setup!.env?.(endpoint) : undefined;
        const run = await runBlock(code, { dir, env, whileUp: setup!.whileUp, timeoutMs: 50_000 });
        expect(run.code, run.output).toBe(0);
        for (const pattern of setup!.expect) expect(run.output).toMatch(pattern);
      } finally {
        await endpoint?.close();
      }
    }, 60_000);
  }
});
