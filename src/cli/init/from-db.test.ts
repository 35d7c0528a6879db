import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../server/config/load-file.js';
import { POSTGRES_URL, probePostgres, skipUnless, uniqueTable } from '../../server/sources/test-utils/services.js';
import { createClient } from '../../client/index.js';
import { runCli, startCliChild } from '../test-utils/run-cli.js';

async function exec(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

describe('custlink init --from-db (PostgreSQL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-from-db-'));
  const schema = uniqueTable('crm');
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!(await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres))) await exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('proposes the dashed phone as the key, masks, leaves out 주민번호, writes a config that loads, prints the role and the index', async (context) => {
    if (await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres)) context.skip();
    await exec(`CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}."회원" ("회원번호" bigint PRIMARY KEY, "이름" text, "휴대폰" varchar(20), jumin_no varchar(14), "등급" text);
      INSERT INTO ${schema}."회원" SELECT g, '홍길동' || g, '010-' || lpad((g / 10000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
        '900101-1' || lpad((g % 1000000)::text, 6, '0'), 'GOLD' FROM generate_series(1, 50000) g`);
    const out = join(dir, 'custlink.yaml');
    const run = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--yes', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('jumin_no looks like a 주민등록번호 and is left out');
    expect(run.stdout).toContain(`GRANT USAGE ON SCHEMA "${schema}" TO "custlink_ro";`);
    expect(run.stdout).toContain(`GRANT SELECT ON "${schema}"."회원" TO "custlink_ro";`);
    expect(run.stdout).toContain(`CREATE INDEX ON "${schema}"."회원" ("휴대폰");`);
    // No sampled value in clear.
    expect(run.stdout).not.toMatch(/010-\d{4}-\d{4}|900101|홍길동/);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('${DB_PASSWORD}');
    const config = loadConfigFile(out, { CUSTLINK_KEY: 'bf7769e5321448de88838cdb', DB_PASSWORD: 'pw' });
    const api = config.apis[0]!;
    expect(api.source.type).toBe('postgres');
    expect((api.source as { query: string }).query).toBe(`SELECT "회원번호", "이름", "휴대폰", "등급" FROM "${schema}"."회원" WHERE "휴대폰" = :callNum`);
    expect(api.lookup.callNum!.normalize).toBe('phone-kr-dashed');
  });

  it('serve --check: no warning about the stored form; the missing index named with its statement, then gone once created', async (context) => {
    if (await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres)) context.skip();
    const role = `${schema}_ro`;
    await exec(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'; GRANT USAGE ON SCHEMA ${schema} TO ${role}; GRANT SELECT ON ${schema}."회원" TO ${role}`);
    try {
      const out = join(dir, 'check.yaml');
      expect((await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--role', role, '--yes', '--out', out])).code).toBe(0);
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
          expect(result.data).toMatchObject({ memberId: '42345', item4: 'GOLD' });
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

  it('gives an integer key a pattern, and names the missing flag', async (context) => {
    if (await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres)) context.skip();
    const out = join(dir, 'by-id.yaml');
    const run = await runCli(['init', '--from-db', POSTGRES_URL, '--table', `${schema}.회원`, '--key', '회원번호', '--yes', '--out', out]);
    expect(run.code).toBe(0);
    const config = loadConfigFile(out, { CUSTLINK_KEY: 'bf7769e5321448de88838cdb', DB_PASSWORD: 'pw' });
    expect(config.apis[0]!.lookup.memberId!.pattern).toBe('^-?[0-9]{1,18}$');
    expect(run.stdout).not.toContain('CREATE INDEX');
    const missing = await runCli(['init', '--from-db', POSTGRES_URL, '--out', join(dir, 'x.yaml')], '', { CI: 'true' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--table');
  });
});
