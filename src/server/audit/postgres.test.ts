import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test-utils/run-cli.js';
import { parseConfig } from '../config/parse.js';
import { signRequest } from '../../protocol/sign.js';
import { send, serveChild, statuses, writeConfig } from '../cluster/serve-child.test.helper.js';
import { configValue, KEY, makeDatabase, startTestServer, type TestServer } from '../harness.test.helper.js';
import type { Source } from '../types.js';
import { eventually, POSTGRES_URL, probePostgres, skipUnless, uniqueTable } from '../sources/test-utils/services.js';
import { subjectHash, type LookupRecord } from './format.js';
import { lookupsOfRows, readAuditRows, searchTable, verifyAuditRows, verifyAuditTable } from './postgres-read.js';
import { searchLookups } from './search.js';
import { PostgresAuditWriter } from './postgres-writer.js';
import type { PendingLookup } from './sink.js';
import { setupSql } from './postgres-table.js';

const AUDIT_KEY = 'audit-key-0123456789abcdef0123456789abcdef';
const PHONE = '010-1234-5678';
const BODY = JSON.stringify({ callNum: PHONE });
const skip = await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres);
const suffix = uniqueTable('auditpg').slice('auditpg_'.length);
const TABLE = `custlink_auditpg_${suffix}`;
const WRITER_ROLE = `auditpg_w_${suffix}`;
const READER_ROLE = `auditpg_r_${suffix}`;
const PG_PASSWORD = 'auditpg-pw-never-logged';
const roleUrl = (role: string, port?: number, password = ''): string => {
  const url = new URL(POSTGRES_URL);
  url.username = role;
  url.password = password;
  if (port !== undefined) url.port = String(port);
  return url.toString();
};
const writerUrl = roleUrl(WRITER_ROLE);
const readerUrl = roleUrl(READER_ROLE);

const db = makeDatabase();
const admin = new pg.Client({ connectionString: POSTGRES_URL });

function auditValue(stateDir: string, writer: string, url = writerUrl, table = TABLE): Record<string, unknown> {
  return configValue(db.file, {
    lookup: { callNum: { required: true, maxLength: 20, pattern: '^[0-9-]+$' }, nation: { maxLength: 10, values: ['korea', 'japan'] } },
    audit: { dir: stateDir, key: AUDIT_KEY, writer, postgres: { url, table } },
  });
}
const stateDir = (): string => mkdtempSync(join(tmpdir(), 'custlink-auditpg-'));
const readyz = async (server: TestServer): Promise<number> => (await fetch(server.origin + '/readyz')).status;
async function started(value: Record<string, unknown>): Promise<TestServer> {
  const server = await startTestServer(value);
  expect(await eventually(async () => (await readyz(server)) === 200, 10_000)).toBe(true);
  return server;
}
const rowsOf = async (writer: string): Promise<LookupRecord[]> =>
  lookupsOfRows((await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer === writer)).map((l) => l.record);
/** A lookup as the pipeline hands it to a writer, told apart by its request id. */
const pending = (reqId: string): PendingLookup => ({ v: 1, type: 'lookup', seq: 0, ts: '', reqId, api: 'default', ip: '10.0.0.7', keyFp: null, agent: null, task: 'lookup', status: 200, code: 'OK', found: true, items: ['userName'], subjects: {} });
/** A writer's rows in chain order, each as its request id, or `open`. */
const reqIdsOf = async (writer: string): Promise<string[]> =>
  (await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer === writer).map((r) => (JSON.parse(r.line) as { reqId?: string }).reqId ?? 'open');
const silent = pino({ level: 'silent' });

describe.skipIf(skip)('audit.postgres: the 접속기록 in a shared PostgreSQL table', () => {
  beforeAll(async () => {
    await admin.connect();
    // The DDL and GRANTs exactly as `custlink audit setup-postgres` prints them.
    await admin.query(setupSql(TABLE, WRITER_ROLE, READER_ROLE));
  });
  afterAll(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await admin.query(`DROP TABLE IF EXISTS ${TABLE}_moved`);
    await admin.query(`DROP ROLE IF EXISTS ${WRITER_ROLE}`);
    await admin.query(`DROP ROLE IF EXISTS ${READER_ROLE}`);
    await admin.end();
    db.cleanup();
  });

  it('writes a row per outcome as an INSERT-only role, with no lookup value in the table', async () => {
    const dir = stateDir();
    const server = await started(auditValue(dir, 'one'));
    try {
      expect((await server.post(BODY)).status).toBe(200);
      expect((await server.post(JSON.stringify({ callNum: '010-9999-9999' }))).json.error?.code).toBe('NOT_FOUND');
      expect((await server.post(JSON.stringify({ callNum: 'abc' }))).json.error?.code).toBe('ITEM_PATTERN_MISMATCH');
      expect((await server.post(BODY, { key: 'another-key-entirely-000' })).json.error?.code).toBe('BAD_SIGNATURE');
    } finally {
      await server.close();
    }
    const records = await rowsOf('one');
    expect(records.map((r) => [r.status, r.code, r.found])).toEqual([
      [200, 'OK', true],
      [400, 'NOT_FOUND', false],
      [400, 'ITEM_PATTERN_MISMATCH', false],
      [403, 'BAD_SIGNATURE', false],
    ]);
    expect(records[0]).toMatchObject({ api: 'default', task: 'lookup', items: ['userName', 'id', 'phone'], subjects: { callNum: subjectHash(AUDIT_KEY, PHONE) } });
    expect(records[0]!.ip).toMatch(/127\.0\.0\.1/);
    const all = (await admin.query<{ t: string }>(`SELECT t::text AS t FROM ${TABLE} t`)).rows.map((r) => r.t).join('\n');
    for (const clear of [PHONE, '01012345678', '1234-5678', '9999-9999', '홍', KEY, AUDIT_KEY]) expect(all, clear).not.toContain(clear);
    // The writer's role may not read, change or remove a row.
    const asWriter = new pg.Client({ connectionString: writerUrl });
    await asWriter.connect();
    try {
      for (const sql of [`SELECT * FROM ${TABLE}`, `UPDATE ${TABLE} SET line = ''`, `DELETE FROM ${TABLE}`]) {
        await expect(asWriter.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      }
    } finally {
      await asWriter.end();
    }
  });

  it('verify: clean, then an edited row and a deleted row found by segment and seq; a restart continues the chain', async () => {
    const dir = stateDir();
    for (let run = 0; run < 2; run++) {
      const server = await started(auditValue(dir, 'two'));
      try {
        for (let i = 0; i < 3; i++) expect((await server.post(BODY)).status).toBe(200);
      } finally {
        await server.close();
      }
    }
    const clean = verifyAuditRows((await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer === 'two'), TABLE);
    expect(clean.findings).toEqual([]);
    expect(clean.writers).toMatchObject([{ writer: 'two', lines: 8 }]);
    expect(clean.writers[0]!.files).toHaveLength(2);
    const cli = await runCli(['audit', 'verify', '--postgres', readerUrl, '--table', TABLE]);
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    const asWriter = await runCli(['audit', 'verify', '--postgres', writerUrl, '--table', TABLE]);
    expect(asWriter.code).toBe(2);
    expect(asWriter.stderr).toContain('42501');
    expect(asWriter.stderr).toContain('not the writers\' INSERT-only one');

    const segment = clean.writers[0]!.files[0]!;
    await admin.query(`UPDATE ${TABLE} SET line = replace(line, '"status":200', '"status":404') WHERE writer = 'two' AND seq = 3`);
    const edited = await runCli(['audit', 'verify', '--postgres', readerUrl, '--table', TABLE, '--format', 'json']);
    expect(edited.code).toBe(1);
    expect(JSON.parse(edited.stdout).findings).toMatchObject([{ kind: 'changed', writer: 'two', file: segment, line: 3 }]);

    await admin.query(`DELETE FROM ${TABLE} WHERE writer = 'two' AND seq = 3`);
    const deleted = verifyAuditRows(await readAuditRows(readerUrl, TABLE), TABLE);
    expect(deleted.exitCode).toBe(1);
    expect(deleted.findings).toMatchObject([{ kind: 'removed', file: segment, line: 4 }]);
    // The tail of a segment removed: the next segment's open line still names its hash.
    await admin.query(`DELETE FROM ${TABLE} WHERE writer = 'two' AND seq = 4`);
    const cut = verifyAuditRows(await readAuditRows(readerUrl, TABLE), TABLE);
    // The table read a page at a time finds the same, down to the message.
    expect(await verifyAuditTable(readerUrl, TABLE, 2)).toEqual({ ...cut, dir: `postgres table ${TABLE}` });
    expect(cut.findings).toMatchObject([
      { kind: 'cut-off', file: clean.writers[0]!.files[1], line: 5, message: expect.stringContaining(`2 records removed from the end of ${segment} (seq 3-4 missing)`) },
    ]);
  });

  it('fails closed while the table is missing or PostgreSQL unreachable, then recovers by itself', async () => {
    const proxy = await startProxy(Number(new URL(POSTGRES_URL).port || 5432));
    const dir = stateDir();
    const server = await started(auditValue(dir, 'three', roleUrl(WRITER_ROLE, proxy.port, PG_PASSWORD)));
    try {
      expect((await server.post(BODY)).status).toBe(200);
      await admin.query(`ALTER TABLE ${TABLE} RENAME TO ${TABLE}_moved`);
      const refused = await server.post(BODY);
      expect(refused.status).toBe(500);
      expect(refused.json).toEqual({ error: { code: 'AUDIT_WRITE_FAILED', message: '오류가 발생하였습니다.', detail: null } });
      expect(refused.text).not.toContain('홍');
      expect(await readyz(server)).toBe(503);
      expect(await (await fetch(server.origin + '/metrics')).text()).toMatch(/custlink_audit_write_failures_total 1\b/);
      await admin.query(`ALTER TABLE ${TABLE}_moved RENAME TO ${TABLE}`);
      expect(await eventually(async () => (await readyz(server)) === 200, 5_000)).toBe(true);
      expect((await server.post(BODY)).status).toBe(200);

      await proxy.stop();
      expect((await server.post(BODY)).status).toBe(500);
      expect(await eventually(async () => (await readyz(server)) === 503, 5_000)).toBe(true);
      await proxy.start();
      expect(await eventually(async () => (await readyz(server)) === 200, 8_000)).toBe(true);
      expect((await server.post(BODY)).status).toBe(200);
      const text = server.lines.join('\n');
      expect(text).toContain('audit records cannot be written');
      expect(text).toContain(`${WRITER_ROLE}:***@`);
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain(PG_PASSWORD);
    } finally {
      await server.close();
      await proxy.stop();
    }
    expect((await rowsOf('three')).map((r) => r.code)).toEqual(['OK', 'OK', 'OK']);
    expect(verifyAuditRows((await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer === 'three'), TABLE).findings).toEqual([]);
  }, 30_000);

  it('two endpoints writing at once each keep a valid chain; search and review read the table', async () => {
    const a = await started(auditValue(stateDir(), 'four-a'));
    const b = await started(auditValue(stateDir(), 'four-b'));
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).post(i % 4 < 2 ? BODY : JSON.stringify({ callNum: '010-5555-6666' }))));
      expect(answers.map((r) => r.status)).toEqual(Array.from({ length: 40 }, (_, i) => (i % 4 < 2 ? 200 : 400)));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const rows = (await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer.startsWith('four-'));
    const result = verifyAuditRows(rows, TABLE);
    expect(result.findings).toEqual([]);
    expect(result.writers.map((w) => [w.writer, w.lines])).toEqual([['four-a', 21], ['four-b', 21]]);

    const keyFile = join(stateDir(), 'audit.key');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(keyFile, AUDIT_KEY);
    const found = await runCli(['audit', 'search', '--postgres', readerUrl, '--table', TABLE, '--item', 'callNum=010-5555-6666', '--key-file', keyFile, '--format', 'json']);
    expect(found.code, found.stderr).toBe(0);
    const hits = JSON.parse(found.stdout) as { code: string }[];
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => h.code === 'NOT_FOUND')).toBe(true);
    // Neither the subject searched nor any other is printed as a hash.
    for (const phone of ['010-5555-6666', PHONE]) expect(found.stdout).not.toContain(subjectHash(AUDIT_KEY, phone).slice(0, 16));
    // Only that person's rows leave the database, and they are the ones reading every row finds.
    expect(await readAuditRows(readerUrl, TABLE, { containing: `"${subjectHash(AUDIT_KEY, '010-5555-6666')}"` })).toHaveLength(20);
    const everyRow = searchLookups(lookupsOfRows(await readAuditRows(readerUrl, TABLE)), AUDIT_KEY, '010-5555-6666');
    expect(everyRow).toHaveLength(20);
    expect(await searchTable(readerUrl, TABLE, AUDIT_KEY, '010-5555-6666')).toEqual(everyRow);
    const month = new Date().toISOString().slice(0, 7);
    const review = await runCli(['audit', 'review', '--postgres', readerUrl, '--table', TABLE, '--month', month, '--format', 'json']);
    expect(review.code, review.stderr).toBe(0);
    expect(JSON.parse(review.stdout).totals.total).toBeGreaterThanOrEqual(40);
    rmSync(keyFile);
  }, 30_000);

  it('a reload to a new URL of the table (a rotated password) goes on in the one chain, a request in flight across it', async () => {
    // The old generation answers its last request after the new one has begun answering: two
    // writers of one chain would each link to the same end.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inSource = new Promise<void>((resolve) => (entered = resolve));
    const source: Source = {
      async lookup(params) {
        if (params.callNum === '010-7777-7777') {
          entered();
          await gate;
        }
        return [{ name: '홍길동', member_id: 'm1', phone: params.callNum!, email: 'h@example.com' }];
      },
      ready: async () => {},
      close: async () => {},
    };
    const dir = stateDir();
    const server = await startTestServer(auditValue(dir, 'six'), source);
    try {
      expect(await eventually(async () => (await readyz(server)) === 200, 10_000)).toBe(true);
      expect((await server.post(BODY)).status).toBe(200);
      const slow = server.post(JSON.stringify({ callNum: '010-7777-7777' }));
      await inSource;
      await server.server.reload(parseConfig(auditValue(dir, 'six', `${writerUrl}?application_name=custlink-reloaded`), { env: {} }));
      expect((await server.post(BODY)).status).toBe(200);
      release();
      expect((await slow).status).toBe(200);
      expect((await server.post(BODY)).status).toBe(200);
    } finally {
      await server.close();
    }
    const rows = (await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer === 'six');
    const result = verifyAuditRows(rows, TABLE);
    expect(result.findings).toEqual([]);
    // Four lookups; an open line for the start and one where the connection changed.
    expect(result.writers).toMatchObject([{ writer: 'six', lines: 6 }]);
    expect(result.writers[0]!.files).toHaveLength(2);
    expect(rows.map((r) => (JSON.parse(r.line) as { type: string }).type)).toEqual(['open', 'lookup', 'open', 'lookup', 'lookup', 'lookup']);
  });

  it('a URL changed while an INSERT is in flight: that INSERT ends its segment, the next one opens the new segment', async () => {
    const writer = new PostgresAuditWriter({ url: writerUrl, table: TABLE, writer: 'seven', stateDir: stateDir(), logger: silent });
    await writer.append(pending('a'));
    const inFlight = writer.append(pending('b'));
    await new Promise(setImmediate);
    writer.connect(`${writerUrl}?application_name=custlink-rotated`);
    await inFlight;
    await writer.append(pending('c'));
    await writer.close();
    const rows = (await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer === 'seven');
    expect(verifyAuditRows(rows, TABLE).findings).toEqual([]);
    expect(await reqIdsOf('seven')).toEqual(['open', 'a', 'b', 'open', 'c']);
  });

  it('kill -9 under load, three times: every answered request has its row, and each restart continues the chain', async () => {
    const dir = stateDir();
    const file = writeConfig(join(dir, 'custlink.yaml'), auditValue(dir, 'eight'));
    const answered: string[] = [];
    for (let kill = 0; kill < 3; kill++) {
      const child = await serveChild(file);
      let running = true;
      const client = async (): Promise<void> => {
        while (running) {
          try {
            const signed = signRequest({ key: KEY, body: BODY });
            const response = await fetch(child.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: signed.authorization, 'x-tc-timestamp': signed.timestamp }, body: BODY });
            await response.text();
            if (response.status === 200) answered.push(response.headers.get('x-request-id')!);
          } catch {
            return;
          }
        }
      };
      const before = answered.length;
      const clients = Array.from({ length: 8 }, client);
      await expect.poll(() => answered.length - before, { timeout: 20_000 }).toBeGreaterThan(150);
      process.kill(child.pid, 'SIGKILL');
      await child.exited;
      running = false;
      await Promise.all(clients);
    }
    const child = await serveChild(file);
    try {
      expect((await send(child.url, { key: KEY })).status).toBe(200);
    } finally {
      expect(await child.stop()).toBe(0);
    }
    const rows = (await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer === 'eight');
    const result = verifyAuditRows(rows, TABLE);
    expect(result.findings).toEqual([]);
    expect(result.writers[0]!.files).toHaveLength(4);
    const recorded = new Set(lookupsOfRows(rows).map((l) => l.record.reqId));
    expect(answered.filter((id) => !recorded.has(id))).toEqual([]);
  }, 120_000);

  it.each([
    ['committed, its answer lost', false],
    ['never received', true],
  ])('a crash with an INSERT on the way (%s): the next start stores the batch if it is not, and links after it', async (_, neverReceived) => {
    const writer = `ten-${neverReceived ? 'b' : 'a'}`;
    const dir = stateDir();
    const proxy = await startProxy(Number(new URL(POSTGRES_URL).port || 5432));
    const dying = new PostgresAuditWriter({ url: roleUrl(WRITER_ROLE, proxy.port), table: TABLE, writer, stateDir: dir, logger: silent });
    await dying.append(pending('r1'));
    proxy.mute(neverReceived);
    dying.append(pending('r2')).catch(() => {});
    // As when the process dies with the INSERT on the way: PostgreSQL commits it, or never gets it.
    if (neverReceived) await new Promise((resolve) => setTimeout(resolve, 200));
    else expect(await eventually(async () => (await reqIdsOf(writer)).includes('r2'), 5_000)).toBe(true);
    const next = new PostgresAuditWriter({ url: writerUrl, table: TABLE, writer, stateDir: dir, logger: silent });
    await next.append(pending('r3'));
    await next.close();
    await proxy.stop();
    await dying.close();
    const rows = (await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer === writer);
    expect(verifyAuditRows(rows, TABLE).findings).toEqual([]);
    expect(await reqIdsOf(writer)).toEqual(['open', 'r1', 'r2', 'open', 'r3']);
  }, 30_000);

  it('serve --workers 2: a chain per worker in the table, each valid', async () => {
    const dir = stateDir();
    const file = writeConfig(join(dir, 'custlink.yaml'), auditValue(dir, 'nine'));
    const child = await serveChild(file, ['--workers', '2']);
    try {
      expect(await eventually(async () => (await fetch(new URL('/readyz', child.url))).status === 200, 10_000)).toBe(true);
      expect(await statuses(child.url, KEY, 40)).toEqual(Array(40).fill(200));
    } finally {
      expect(await child.stop()).toBe(0);
    }
    const rows = (await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer.startsWith('nine-'));
    const result = verifyAuditRows(rows, TABLE);
    expect(result.findings).toEqual([]);
    expect(result.writers.map((w) => w.writer)).toEqual(['nine-w1', 'nine-w2']);
    expect(lookupsOfRows(rows)).toHaveLength(40);
  }, 120_000);

  it('a writer that lost its local chain state starts a new chain: a warning, not 위·변조', async () => {
    const dir = stateDir();
    for (let run = 0; run < 2; run++) {
      const server = await started(auditValue(dir, 'five'));
      try {
        expect((await server.post(BODY)).status).toBe(200);
      } finally {
        await server.close();
      }
      rmSync(join(dir, 'pg-chain.five.json'));
    }
    const result = verifyAuditRows((await readAuditRows(readerUrl, TABLE)).filter((r) => r.writer === 'five'), TABLE);
    expect(result.exitCode).toBe(0);
    expect(result.findings).toMatchObject([{ kind: 'history-start', severity: 'warning' }]);
  });

  it('verify reads the whole table a page at a time and finds what reading it at once finds', async () => {
    const rows = await readAuditRows(readerUrl, TABLE);
    expect(rows.length).toBeGreaterThan(500);
    const atOnce = verifyAuditRows(rows, `postgres table ${TABLE}`);
    expect(atOnce.writers.length).toBeGreaterThan(8);
    for (const page of [1, 7, 5_000]) expect(await verifyAuditTable(readerUrl, TABLE, page)).toEqual(atOnce);
  }, 60_000);
});

/** A TCP relay to PostgreSQL that can be cut (every connection dropped, the port refusing) and restored. */
async function startProxy(target: number): Promise<{ port: number; stop(): Promise<void>; start(): Promise<void>; mute(both?: boolean): void }> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const upstreams = new Map<Socket, Socket>();
  let port = 0;
  const start = (): Promise<void> =>
    new Promise((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(target, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => {});
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
        upstreams.set(upstream, client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await start();
  return {
    get port() {
      return port;
    },
    start,
    /** PostgreSQL's answers stop reaching the client; with `both`, what the client sends stops reaching PostgreSQL too. */
    mute(both = false) {
      for (const [upstream, client] of upstreams) {
        upstream.unpipe(client);
        upstream.on('data', () => {});
        if (both) {
          client.unpipe(upstream);
          client.on('data', () => {});
        }
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (server === undefined) return resolve();
        const s = server;
        server = undefined;
        s.close(() => resolve());
      }),
  };
}
