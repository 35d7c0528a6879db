import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, probePostgres, skipUnless, uniqueTable } from '../../server/sources/test-utils/services.js';
import { createClient } from '../../client/index.js';
import { runCli, startCliChild } from '../test-utils/run-cli.js';

async function exec(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

// The wizard's config through serve --check's EXPLAIN: the plan warning names the index to create.
describe('custlink init --from-db, then serve --check (PostgreSQL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-from-db-'));
  const schema = uniqueTable('crm');
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!(await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres))) await exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  beforeAll(async () => {
    if (await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres)) return;
    await exec(`CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}."회원" ("회원번호" bigint PRIMARY KEY, "이름" text, "휴대폰" varchar(20), jumin_no varchar(14), "등급" text);
      INSERT INTO ${schema}."회원" SELECT g, '홍길동' || g, '010-' || lpad((g / 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
        '900101-1' || lpad((g % 1000000)::text, 6, '0'), 'GOLD' FROM generate_series(1, 50000) g`);
  });

  it('serve --check: no warning about the stored form; the missing index named with its statement, then gone once created', async (context) => {
    if (await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres)) context.skip();
    const role = `${schema}_ro`;
    await exec(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'; GRANT USAGE ON SCHEMA ${schema} TO ${role}; GRANT SELECT ON ${schema}."회원" TO ${role}`);
    try {
      const out = join(dir, 'check.yaml');
      expect((await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--key', '휴대폰', '--role', role, '--yes', '--out', out])).code).toBe(0);
      const env = { CUSTLINK_KEY: 'bf7769e5321448de88838cdb', DB_PASSWORD: 'pw' };
      const before = await runCli(['serve', '--check', '--config', out], '', env);
      expect(before.code, before.stderr).toBe(0);
      expect(before.stdout + before.stderr).toContain(`source.query reads every row of "${schema}"."회원" on each lookup`);
      expect(before.stdout + before.stderr).toContain(`run CREATE INDEX ON "${schema}"."회원" ("휴대폰")`);
      expect(before.stdout + before.stderr).not.toContain('stored form');
      await exec(`CREATE INDEX ON ${schema}."회원" ("휴대폰"); ANALYZE ${schema}."회원"`);
      const after = await runCli(['serve', '--check', '--config', out], '', env);
      expect(after.code, after.stderr).toBe(0);
      expect(after.stdout + after.stderr).not.toContain('reads every row');
      expect(after.stdout + after.stderr).not.toContain('stored form');

      // The running endpoint: what the helpdesk sends, however written, finds the dashed row; masked.
      process.env.CUSTLINK_KEY = env.CUSTLINK_KEY;
      process.env.DB_PASSWORD = env.DB_PASSWORD;
      const child = await startCliChild(['serve', '--config', out, '--port', '0'], /listening on (http:\S+)/);
      try {
        const client = createClient({ url: child.url, key: env.CUSTLINK_KEY });
        for (const callNum of ['010-0004-2345', '+82 10 0004 2345', '01000042345']) {
          const result = await client.lookup({ callNum });
          expect(result.status, result.rawBody).toBe(200);
          expect(result.data).toMatchObject({ memberId: '42345' });
          expect(String(result.data!.phone)).toMatch(/^010-\*{4}-2345$/);
          expect(String(result.data!.userName)).not.toContain('42345');
        }
      } finally {
        await child.stop();
      }
    } finally {
      await exec(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });
});
