import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectHash } from '../server/audit/format.js';
import { writeWriterChain } from '../server/audit/test-utils/audit-dir.js';
import { stringify } from 'yaml';
import { configValue, makeDatabase } from '../server/harness.test.helper.js';
import { runCli } from './test-utils/run-cli.js';

const KEY = 'cli-audit-key-0123456789abcdef0123456789';
const ALICE = subjectHash(KEY, '01012345678');
const BOB = subjectHash(KEY, '01099998888');
let root: string;
let dir: string;
let files: string[];
const db = makeDatabase();

/** A config `serve` would accept, with `audit` and the lookup items given. */
function config(audit: Record<string, unknown>, lookup: Record<string, unknown>): string {
  return stringify(configValue(db.file, { lookup, audit: { dir: 'audit', ...audit } }));
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  dir = join(root, 'audit');
  files = writeWriterChain(dir, 'w1', [
    { day: '2026-11-02', lookups: [
      { ts: '2026-11-02T10:00:00.000+09:00', subjects: { callNum: ALICE } },
      { ts: '2026-11-02T10:01:00.000+09:00', subjects: { callNum: BOB } },
      { ts: '2026-11-02T22:01:00.000+09:00', status: 403, code: 'BAD_SIGNATURE', keyFp: null },
    ] },
    { day: '2026-11-03', lookups: [{ ts: '2026-11-03T10:00:00.000+09:00', subjects: { callNum: ALICE } }] },
  ]);
  writeFileSync(join(root, 'audit.key'), `${KEY}\n`);
  writeFileSync(join(root, 'custlink.yaml'), config({ key: '${file:audit.key}' }, { callNum: { required: true, maxLength: 20, normalize: 'phone-kr' }, nation: { maxLength: 10 } }));
  writeFileSync(join(root, 'env.yaml'), config({ key: '${AUDIT_KEY}', workingHours: '08-23' }, { callNum: { required: true, maxLength: 20, normalize: 'digits' }, nation: { maxLength: 10 } }));
  writeFileSync(join(root, 'short-key.yaml'), config({ key: 'too-short' }, { callNum: { maxLength: 20 }, nation: { maxLength: 10 } }));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  db.cleanup();
});

describe('custlink audit', () => {
  it('verify: exit 0 for an intact dir, 1 with file and line when a record was changed', async () => {
    const ok = await runCli(['audit', 'verify', '--dir', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('위·변조 없음');
    const path = join(dir, files[0] as string);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('"code":"BAD_SIGNATURE"', '"code":"OK"'));
    try {
      const bad = await runCli(['audit', 'verify', '--dir', dir]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain(`${files[0]}:4  changed`);
      const json = await runCli(['audit', 'verify', '--dir', dir, '--format', 'json']);
      expect(JSON.parse(json.stdout).findings[0]).toMatchObject({ kind: 'changed', file: files[0], line: 4 });
    } finally {
      writeFileSync(path, original);
    }
  });

  it('verify: exit 2 for a missing dir', async () => {
    const r = await runCli(['audit', 'verify', '--dir', join(root, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the audit directory');
  });

  it('review: the Korean report, and CSV', async () => {
    const r = await runCli(['audit', 'review', '--dir', dir, '--month', '2026-11']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('접속기록 점검 보고서 (2026-11)');
    expect(r.stdout).toContain('조회 4\t조회됨 3\t결과 없음 0\t거부 1');
    expect(r.stdout).toContain('업무시간 외 조회 (월~금 09:00–18:00 외): 1건');
    expect(r.stdout).not.toContain(ALICE);
    const csv = await runCli(['audit', 'review', '--dir', dir, '--month', '2026-11', '--format', 'csv']);
    expect(csv.stdout).toContain('전체,2026-11,4,3,0,1');
  });

  it('search: with the config key and normalize, or a key file', async () => {
    const r = await runCli(['audit', 'search', '--dir', dir, '--item', 'callNum=+82 10-1234-5678', '--config', join(root, 'custlink.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 record(s)');
    expect(r.stdout).not.toContain(ALICE.slice(0, 12));
    expect(r.stdout).not.toContain(BOB.slice(0, 12));
    const env = await runCli(['audit', 'search', '--dir', dir, '--item', 'callNum=010-1234-5678', '--config', join(root, 'env.yaml')], '', { AUDIT_KEY: KEY });
    expect(env.stdout).toContain('2 record(s)');
    const keyFile = await runCli(['audit', 'search', '--dir', dir, '--item', 'callNum=01099998888', '--key-file', join(root, 'audit.key'), '--to', '2026-11-02']);
    expect(keyFile.stdout).toContain('1 record(s)');
  });

  it.each([
    [['audit'], 'which one'],
    [['audit', 'frob'], 'unknown subcommand "frob"'],
    [['audit', 'verify'], 'where are the records? --dir D'],
    [['audit', 'verify', '--dir', '/tmp', '--postgres', 'postgres://h/db'], 'give --dir or --postgres, not both'],
    [['audit', 'verify', '--postgres', 'mysql://h/db'], '--postgres must be a postgres://'],
    [['audit', 'verify', '--dir', '/tmp', '--table', 't'], '--table goes with --postgres'],
    [['audit', 'review', '--dir', '/tmp'], '--month is required'],
    [['audit', 'review', '--dir', '/tmp', '--month', '2026-13'], '--month must be YYYY-MM'],
    [['audit', 'review', '--dir', '/tmp', '--month', '2026-11', '--hours', '18-09'], '--hours must be START-END'],
    [['audit', 'review', '--dir', '/tmp', '--month', '2026-11', '--format', 'xls'], '--format must be one of text, json, csv'],
    [['audit', 'search', '--dir', '/tmp', '--item', 'callNum'], '--item must be NAME=VALUE'],
    [['audit', 'search', '--dir', '/tmp', '--item', 'callNum=1'], 'the audit key is needed'],
    [['audit', 'search', '--dir', '/tmp', '--item', 'x=1', '--key-file', '/nope/k'], '--key-file /nope/k: cannot read it'],
    [['audit', 'search', '--dir', '/tmp', '--item', 'x=1', '--key-file', '/etc/hostname', '--normalize', 'upper'], '--normalize must be one of'],
  ])('usage error %j exits 2 saying what to fix', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('--config: the validated config gives the directory, the key and the working hours', async () => {
    const verify = await runCli(['audit', 'verify', '--config', join(root, 'custlink.yaml')]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`${dir}: 1 writer(s), 2 file(s)`);
    const review = await runCli(['audit', 'review', '--config', join(root, 'env.yaml'), '--month', '2026-11', '--format', 'json'], '', { AUDIT_KEY: KEY });
    expect(review.code, review.stderr).toBe(0);
    // audit.workingHours 08-23: the 22:01 lookup is inside them.
    expect(JSON.parse(review.stdout)).toMatchObject({ options: { hours: { start: 8, end: 23 } }, afterHours: [], totals: { total: 4 } });
    const override = await runCli(['audit', 'review', '--config', join(root, 'env.yaml'), '--month', '2026-11', '--hours', '09-18', '--format', 'json'], '', { AUDIT_KEY: KEY });
    expect(JSON.parse(override.stdout).afterHours).toHaveLength(1);
  });

  it('--config: a config serve would refuse is refused, saying why', async () => {
    const short = await runCli(['audit', 'search', '--item', 'callNum=01012345678', '--config', join(root, 'short-key.yaml')]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('audit.key');
    expect(short.stderr).toContain('at least 32 characters');
    const unset = await runCli(['audit', 'search', '--item', 'callNum=01012345678', '--config', join(root, 'env.yaml')]);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('AUDIT_KEY');
    expect(unset.stderr).not.toContain(KEY);
  });

  it('setup-postgres prints the DDL and the INSERT-only GRANT, and runs nothing', async () => {
    const r = await runCli(['audit', 'setup-postgres', '--table', 'audit.custlink_audit', '--writer-role', 'crm_audit_w']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CREATE TABLE "audit"."custlink_audit" (');
    expect(r.stdout).toContain('GRANT INSERT ON "audit"."custlink_audit" TO "crm_audit_w";');
    expect(r.stdout).toContain('GRANT USAGE ON SCHEMA "audit" TO "crm_audit_w";');
    expect(r.stdout).not.toMatch(/GRANT (UPDATE|DELETE)/);
    expect((await runCli(['audit', 'setup-postgres', '--table', 'Bad-Name'])).code).toBe(2);
  });

  it('search: names the config lookup items when the item is not one', async () => {
    const r = await runCli(['audit', 'search', '--dir', dir, '--item', 'custId=1', '--config', join(root, 'custlink.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no lookup item "custId"; use one of callNum');
  });
});
