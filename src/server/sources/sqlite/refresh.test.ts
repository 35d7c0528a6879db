/* `custlink serve` on SQLite in a child process (a SIGBUS would otherwise take the test runner
 * with it) while its data file is replaced under concurrent lookups. */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startCliChild, type CliChild } from '../../../cli/test-utils/run-cli.js';
import { signRequest } from '../../../protocol/sign.js';

const KEY = 'bf7769e5321448de88838cdb';
const ROWS = 4000;

/** A customers file whose names carry `tag`, with enough pages that a truncation loses most rows. */
function writeCustomers(file: string, tag: string, noteBytes = 300): void {
  const db = new Database(file);
  db.exec('CREATE TABLE customers (phone TEXT, name TEXT, note TEXT); CREATE INDEX customers_phone ON customers(phone)');
  const insert = db.prepare('INSERT INTO customers VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(String(i), `${tag}${i}`, 'x'.repeat(noteBytes));
  })();
  db.close();
}

/** The way to refresh data: a whole new file, renamed over the live one. */
function replaceByRename(dir: string, live: string, tag: string): void {
  const next = join(dir, `next-${tag}.sqlite`);
  writeCustomers(next, tag);
  renameSync(next, live);
}

async function lookup(url: string, phone: string): Promise<Answered> {
  const body = JSON.stringify({ callNum: phone });
  const signed = signRequest({ key: KEY, body, timestamp: Date.now() });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: signed.authorization, 'x-tc-timestamp': signed.timestamp },
    body,
  });
  const json = (await response.json()) as { data?: { userName?: string }; error?: { code: string } };
  return { status: response.status, ...(json.data?.userName === undefined ? {} : { name: json.data.userName }), ...(json.error ? { code: json.error.code } : {}) };
}

interface Answered {
  status: number | string;
  name?: string;
  code?: string;
}

/**
 * Lookups from 8 concurrent clients until `enough` answers match `counted` (or 20 s pass): every
 * answer, or why its fetch failed. `warm` resolves once 100 were answered.
 */
function underLoad(url: string, counted: (answer: Answered) => boolean, enough: number): { warm: Promise<void>; answers: Promise<Answered[]> } {
  const all: Answered[] = [];
  let matched = 0;
  const deadline = Date.now() + 20_000;
  const answers = Promise.all(
    Array.from({ length: 8 }, async () => {
      while (matched < enough && Date.now() < deadline) {
        const phone = String(Math.floor(Math.random() * ROWS));
        const answer: Answered = await lookup(url, phone).catch((error: Error) => ({ status: `${error.message} (${String(error.cause)})` }));
        all.push(answer);
        if (counted(answer)) matched++;
      }
    }),
  ).then(() => all);
  return { warm: eventually(async () => all.length >= 100, '100 lookups answered'), answers };
}

/** Answers that are neither data nor the error envelope with 500: resets, refusals, crashes. */
function unexpected(answers: Answered[]): Answered[] {
  return answers.filter((a) => a.status !== 200 && !(a.status === 500 && a.code !== undefined));
}

async function readyz(url: string): Promise<number> {
  return (await fetch(new URL('/readyz', url))).status;
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('custlink serve on a SQLite file replaced while it serves', () => {
  let dir: string;
  let child: CliChild | undefined;
  afterEach(async () => {
    await child?.stop();
    child = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(): Promise<{ live: string; url: string }> {
    dir = mkdtempSync(join(tmpdir(), 'custlink-refresh-'));
    const live = join(dir, 'live.sqlite');
    writeCustomers(live, 'old');
    const config = join(dir, 'custlink.yaml');
    const value = {
      listen: { host: '127.0.0.1', port: 0, path: '/lookup' },
      auth: { keys: [KEY] },
      lookup: { callNum: { required: true, maxLength: 20, pattern: '^[0-9]+$' } },
      source: { type: 'sqlite', file: live, query: 'SELECT name FROM customers WHERE phone = :callNum' },
      result: { userName: 'name' },
      log: { level: 'info' },
    };
    writeFileSync(config, JSON.stringify(value));
    child = await startCliChild(['serve', '--config', config], /listening on (http:\/\/\S+)/);
    return { live, url: child.url };
  }

  it('serves the new data once a new file is renamed over the old one, failing no request', { timeout: 60_000 }, async () => {
    const { live, url } = await serve();
    const load = underLoad(url, (a) => a.name?.startsWith('new') === true, 200);
    await load.warm;
    replaceByRename(dir, live, 'new');
    const answers = await load.answers;
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(answers.filter((a) => a.name?.startsWith('new') === true).length).toBeGreaterThanOrEqual(200);
    expect(await lookup(url, '7')).toEqual({ status: 200, name: 'new7' });
  });

  it('survives a file truncated in place: 500s and readyz 503 while broken, back once a good file is renamed in', { timeout: 60_000 }, async () => {
    const { live, url } = await serve();
    expect(await readyz(url)).toBe(200);
    const load = underLoad(url, (a) => a.status === 500, 50);
    await load.warm;
    truncateSync(live, 8192);
    const answers = await load.answers;
    expect(unexpected(answers)).toEqual([]);
    expect(answers.filter((a) => a.status === 500).length).toBeGreaterThanOrEqual(50);
    expect(await readyz(url)).toBe(503);

    replaceByRename(dir, live, 'good');
    await eventually(async () => (await readyz(url)) === 200, '/readyz 200 after the rename');
    expect(await lookup(url, String(ROWS - 1))).toEqual({ status: 200, name: `good${ROWS - 1}` });
    // The broken file is logged once, not once per failed request (twice when a lookup fails while
    // truncate(2) is still updating the file: the failure is then about a version the file leaves).
    const logged = child!.stdout().split('\n').filter((line) => line.includes('"source lookup failed"'));
    expect(logged.length).toBeGreaterThanOrEqual(1);
    expect(logged.length).toBeLessThanOrEqual(2);
  });

  it('survives a new file copied over the live one in place, and then serves it', { timeout: 60_000 }, async () => {
    const { live, url } = await serve();
    // A smaller file: pages the server read a moment ago are past its end now.
    const next = join(dir, 'next.sqlite');
    writeCustomers(next, 'copied', 20);
    const load = underLoad(url, (a) => a.name?.startsWith('copied') === true, 200);
    await load.warm;
    // cp(1) in its own process, so lookups keep arriving while it truncates and rewrites the file.
    await promisify(execFile)('cp', [next, live]);
    const answers = await load.answers;
    expect(unexpected(answers)).toEqual([]);
    expect(answers.filter((a) => a.name?.startsWith('copied') === true).length).toBeGreaterThanOrEqual(200);
    await eventually(async () => (await readyz(url)) === 200, '/readyz 200 after the copy');
  });
});
