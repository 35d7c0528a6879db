import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { POSTGRES_URL, probePostgres, skipUnless, uniqueTable } from '../../server/sources/test-utils/services.js';

// The CLI from source through tsx, as the other CLI tests run it: no build to go stale.
const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));
const skip = await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres);
const UNMASKED = /01\d-?\d{4}-?\d{4}|\d{6}-\d{7}|김철수/;

/** Everything the CLI printed in a pseudo-terminal (util-linux `script`), answering each prompt once it shows. */
async function inTerminal(argv: string[], answers: [RegExp, string][], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; printed: string }> {
  const command = [process.execPath, '--import', 'tsx', BIN, ...argv].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const { CI: _ci, ...rest } = process.env;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...rest, TERM: 'dumb', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let printed = '';
  let next = 0;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    printed += text;
    while (next < answers.length && answers[next]![0].test(printed)) child.stdin.write(`${answers[next++]![1]}`);
  });
  const timer = setTimeout(() => child.kill(), 20_000);
  const code = await exited;
  clearTimeout(timer);
  child.stdin.destroy();
  return { code, printed };
}

describe.skipIf(skip)('custlink init --from-db at a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-from-db-tty-'));
  const schema = uniqueTable('fromdb_tty');
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  beforeAll(async () => {
    expect(existsSync(BIN), `${BIN} is missing: run npm run build`).toBe(true);
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.member (mem_no bigint PRIMARY KEY, mem_nm text, hp_no text, jumin text);
      INSERT INTO ${schema}.member SELECT g, '김철수', '010-1234-' || lpad(g::text, 4, '0'), '900101-1' || lpad(g::text, 6, '0') FROM generate_series(1, 300) g`);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('asks for the table, proposes the phone column as the key, confirms, writes the config; no sampled value unmasked', async () => {
    const out = join(dir, 'asked.yaml');
    const run = await inTerminal(
      ['init', '--from-db', POSTGRES_URL, '--out', out],
      [
        [/\(--table\)( \[[^\]]*\])?: $/, `${schema}.member\r`],
        [/\(--key\) \[hp_no\]: $/, '\r'],
        [/\? \[y\/N\] $/, 'y\r'],
      ],
    );
    expect(run.code, run.printed).toBe(0);
    expect(run.printed).toContain(`wrote ${out}`);
    expect(run.printed).toContain('e.g. 010-****-0001');
    expect(run.printed).not.toMatch(UNMASKED);
    const config = parse(readFileSync(out, 'utf8')) as { lookup: Record<string, { normalize?: string }>; source: { query: string } };
    expect(config.lookup.callNum?.normalize).toBe('phone-kr-dashed');
    expect(config.source.query).toBe(`SELECT "mem_no", "mem_nm", "hp_no" FROM "${schema}"."member" WHERE "hp_no" = :callNum`);
  }, 30_000);

  it('keeps answers typed ahead, while the database is still being read', async () => {
    const out = join(dir, 'typed-ahead.yaml');
    const run = await inTerminal(['init', '--from-db', POSTGRES_URL, '--out', out], [[/\(--table\)( \[[^\]]*\])?: $/, `${schema}.member\r2\ry\r`]]);
    expect(run.code, run.printed).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('WHERE \\"hp_no\\" = :callNum');
  }, 30_000);

  it('Ctrl+D at a question exits 2 naming the flag; "n" writes nothing', async () => {
    const out = join(dir, 'refused.yaml');
    const eof = await inTerminal(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.member`, '--out', out], [[/\(--key\) \[hp_no\]: $/, '\u0004']]);
    expect(eof.code, eof.printed).toBe(2);
    expect(eof.printed).toContain('no answer; pass --key');
    const no = await inTerminal(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.member`, '--key', 'hp_no', '--out', out], [[/\? \[y\/N\] $/, 'n\r']]);
    expect(no.code, no.printed).toBe(1);
    expect(no.printed).toContain('nothing written');
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('with CI set at a terminal, or with no terminal, a missing answer exits 2 naming the flag', async () => {
    const out = join(dir, 'ci.yaml');
    const ci = await inTerminal(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.member`, '--out', out], [], { CI: 'true' });
    expect(ci.code, ci.printed).toBe(2);
    expect(ci.printed).toContain('--key is required without a terminal: one of mem_no, hp_no, mem_nm');
    const { CI: _ci, ...rest } = process.env;
    const piped = spawnSync(process.execPath, ['--import', 'tsx', BIN, 'init', '--from-db', POSTGRES_URL, '--table', `${schema}.member`, '--key', 'hp_no', '--out', out], { env: rest, input: 'y\n', encoding: 'utf8' });
    expect(piped.status, piped.stderr).toBe(2);
    expect(piped.stderr).toContain('--yes is required without a terminal');
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});
