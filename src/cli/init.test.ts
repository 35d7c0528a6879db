import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from './command.js';
import { loadConfigFile } from '../server/config/load-file.js';
import { main } from './index.js';

function testIo(): { io: Io; err: () => string } {
  let err = '';
  const io: Io = { stdin: Readable.from([]), stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) }, env: {} };
  return { io, err: () => err };
}

describe('custlink init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-init-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a commented starter config and refuses to overwrite it without --force', async () => {
    const out = join(dir, 'custlink.yaml');
    expect(await main(['init', '--out', out], testIo().io)).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# 조회 항목');
    expect(text).toContain('${CUSTLINK_KEY}');
    writeFileSync(out, 'mine');
    const { io, err } = testIo();
    expect(await main(['init', '--out', out], io)).toBe(2);
    expect(err()).toContain('already exists; pass --force');
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(await main(['init', '--out', out, '--force'], testIo().io)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(text);
  });

  it.each(['sqlite', 'postgres', 'mysql', 'http'])('writes a starter for --source %s that parses once its variables are set', async (source) => {
    const out = join(dir, `${source}.yaml`);
    expect(await main(['init', '--source', source, '--out', out], testIo().io)).toBe(0);
    const config = loadConfigFile(out, { CUSTLINK_KEY: 'bf7769e5321448de88838cdb', DB_PASSWORD: 'pw', MEMBER_API_TOKEN: 't' });
    expect(config.apis[0]!.source.type).toBe(source);
    expect(Object.keys(config.apis[0]!.result)).toEqual(['userName', 'id']);
  });

  it('names the file it wrote in the header\'s serve command', async () => {
    const out = join(dir, 'pg.yaml');
    expect(await main(['init', '--source', 'postgres', '--out', out], testIo().io)).toBe(0);
    const header = readFileSync(out, 'utf8').split('\n').slice(0, 3).join('\n');
    expect(header).toContain(`custlink serve --config ${out}`);
    expect(header).not.toContain('custlink.yaml');
  });

  it('writes a two-API starter with --apis 2 that serve --check opens API by API', async () => {
    const out = join(dir, 'two.yaml');
    expect(await main(['init', '--apis', '2', '--out', out], testIo().io)).toBe(0);
    const db = new Database(join(dir, 'customers.sqlite'));
    db.exec('CREATE TABLE customers (name TEXT, member_id INTEGER, phone TEXT); CREATE INDEX by_phone ON customers(phone);');
    db.exec('CREATE TABLE orders (order_id TEXT PRIMARY KEY, item TEXT, status TEXT);');
    db.close();
    let stdout = '';
    const io: Io = { ...testIo().io, stdout: { write: (t: string) => (stdout += t) }, env: { MEMBERS_KEY: 'bf7769e5321448de88838cdb', ORDERS_KEY: 'ffeeddccbbaa998877665544' } };
    expect(await main(['serve', '--config', out, '--check'], io)).toBe(0);
    expect(stdout).toContain('would start: 회원정보: sqlite source answers; 1 lookup item, 2 result items; 주문정보: sqlite source answers; 1 lookup item, 3 result items');
    expect(loadConfigFile(out, io.env).apis.map((a) => [a.name, a.path])).toEqual([
      ['회원정보', '/members'],
      ['주문정보', '/orders'],
    ]);
  });

  it('refuses an unknown --source with the list of types', async () => {
    const { io, err } = testIo();
    expect(await main(['init', '--source', 'oracle', '--out', join(dir, 'x.yaml')], io)).toBe(2);
    expect(err()).toContain('--source must be sqlite, postgres, mysql, http');
  });
});
