import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createClient } from '../../client/index.js';
import { POSTGRES_URL, probePostgres, skipUnless, uniqueTable } from '../../server/sources/test-utils/services.js';
import { runCli, startTsxChild } from '../test-utils/run-cli.js';

const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));
const KEY = 'bf7769e5321448de88838cdb';
const skip = await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres);

/** A TCP relay in front of PostgreSQL that counts the bytes custlink sends it: a query sent is bytes counted. */
async function countingRelay(target: URL): Promise<{ port: number; sent: () => number; close: () => Promise<void> }> {
  let sent = 0;
  const server: Server = createServer((socket) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    socket.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      upstream.write(chunk);
    });
    upstream.pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, sent: () => sent, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

// A value of the wrong form for a typed key column is refused by custlink, never sent: PostgreSQL
// would log it (`invalid input syntax for type bigint: "010-..."`, `value ... is out of range`).
describe.skipIf(skip)('custlink init --from-db: a key column of type bigint, date or uuid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-from-db-typed-'));
  const schema = uniqueTable('fromdb_typed');
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.member (mem_no bigint PRIMARY KEY, member_uuid uuid UNIQUE, join_date date, mem_nm text);
      INSERT INTO ${schema}.member SELECT g, ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, date '2020-01-01' + g, '김철수' FROM generate_series(1, 300) g`);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  const cases = [
    { key: 'mem_no', item: 'memberId', good: '42', bad: ['010-1234-5678', '99999999999999999999', '12 34'], expect: { memberId: '42' } },
    { key: 'member_uuid', item: 'memberId', good: '00000000-0000-4000-8000-000000000042', bad: ['010-1234-5678', '42'], expect: { memberId: '00000000-0000-4000-8000-000000000042' } },
  ];

  it.each(cases)('$key: the wizard writes the type pattern; other values are 400 and never reach PostgreSQL', async ({ key, item, good, bad }) => {
    const relay = await countingRelay(new URL(POSTGRES_URL));
    try {
      const out = join(dir, `${key}.yaml`);
      const url = new URL(POSTGRES_URL);
      url.port = String(relay.port);
      const init = await runCli(['init', '--from-db', url.href, '--table', `${schema}.member`, '--key', key, '--role', 'postgres', '--yes', '--out', out], '', { CI: 'true' });
      expect(init.code, init.stderr).toBe(0);
      const config = parse(readFileSync(out, 'utf8')) as { lookup: Record<string, { pattern?: string }> };
      expect(config.lookup[item]?.pattern).toBeDefined();

      const env = { CUSTLINK_KEY: KEY, DB_PASSWORD: '' };
      const child = await startTsxChild(BIN, ['serve', '--config', out, '--port', '0'], /listening on (http:\S+)/, { env });
      try {
        const client = createClient({ url: child.url, key: KEY });
        for (const value of bad) {
          await settle();
          const before = relay.sent();
          const answer = await client.lookup({ [item]: value });
          expect([answer.status, answer.error?.code], value).toEqual([400, 'ITEM_PATTERN_MISMATCH']);
          await settle();
          expect(relay.sent(), `${value} reached PostgreSQL`).toBe(before);
        }
        // The relay does see a lookup that is sent: the counter above is not blind.
        const before = relay.sent();
        const found = await client.lookup({ [item]: good });
        expect(found.status, found.rawBody).toBe(200);
        expect(relay.sent()).toBeGreaterThan(before);
      } finally {
        expect(await child.stop()).toBe(0);
      }
    } finally {
      await relay.close();
    }
  }, 60_000);

  it('serve --check warns when a lookup item compared with a bigint or uuid column has no pattern', async () => {
    for (const key of ['mem_no', 'member_uuid']) {
      const out = join(dir, `${key}-bare.yaml`);
      const init = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.member`, '--key', key, '--role', 'postgres', '--yes', '--out', out], '', { CI: 'true' });
      expect(init.code, init.stderr).toBe(0);
      const env = { CUSTLINK_KEY: KEY, DB_PASSWORD: '' };
      const kept = await runCli(['serve', '--check', '--config', out], '', env);
      expect(kept.stdout + kept.stderr).not.toContain('has no pattern');
      writeFileSync(out, readFileSync(out, 'utf8').replace(/^ {4}pattern: .*$/m, ''));
      const bare = await runCli(['serve', '--check', '--config', out], '', env);
      expect(bare.code, bare.stdout + bare.stderr).toBe(0);
      expect(bare.stdout + bare.stderr).toContain(`lookup.memberId is compared with a ${key === 'mem_no' ? 'bigint' : 'uuid'} column but has no pattern`);
    }
  });

  it('join_date: a date key column gets a date pattern that serve --check can EXPLAIN with', async () => {
    const out = join(dir, 'join_date.yaml');
    const init = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.member`, '--key', 'join_date', '--role', 'postgres', '--yes', '--out', out], '', { CI: 'true' });
    expect(init.code, init.stderr).toBe(0);
    const config = parse(readFileSync(out, 'utf8')) as { lookup: Record<string, { pattern?: string }> };
    const pattern = Object.values(config.lookup)[0]?.pattern;
    expect(pattern).toBeDefined();
    // Exactly the days PostgreSQL's date input takes, leap years included, over centuries and the ends of the range.
    const days: string[] = [];
    for (const year of ['0000', '0001', '1900', '1999', '2000', '2023', '2024', '2100', '2400', '9999']) {
      for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) days.push(`${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    }
    await admin.query(`CREATE FUNCTION pg_temp.is_date(t text) RETURNS boolean AS $$ BEGIN PERFORM t::date; RETURN true; EXCEPTION WHEN others THEN RETURN false; END $$ LANGUAGE plpgsql`);
    const judged = await admin.query<{ s: string; ok: boolean }>('SELECT s, pg_temp.is_date(s) AS ok FROM unnest($1::text[]) s', [days]);
    const fits = new RegExp(pattern!);
    expect(judged.rows.filter((r) => fits.test(r.s) !== r.ok).map((r) => r.s)).toEqual([]);
    expect(judged.rows.filter((r) => r.ok)).toHaveLength(6 * 365 + 3 * 366);
    expect(fits.test('2024-02-29')).toBe(true);
    expect(fits.test('2026-02-30')).toBe(false);
    expect(fits.test('010-1234-5678')).toBe(false);
    const check = await runCli(['serve', '--check', '--config', out], '', { CUSTLINK_KEY: KEY, DB_PASSWORD: '' });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout + check.stderr).not.toContain('EXPLAIN failed');
  });
});
