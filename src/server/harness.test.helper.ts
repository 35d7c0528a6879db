/** Shared set-up for the server tests: a real SQLite file, a real server, a captured log. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { signRequest } from '../protocol/sign.js';
import { parseConfig } from './config/parse.js';
import { startServer, type RunningServer } from './transport/http.js';
import type { EndpointRequest, Source } from './types.js';

export const KEY = 'bf7769e5321448de88838cdb';

export interface Customer {
  name: string | null;
  member_id: number | bigint;
  phone: string;
  nation: string;
  email: string;
}

export const CUSTOMERS: Customer[] = [
  { name: '홍길동', member_id: 1001, phone: '010-1234-5678', nation: 'korea', email: 'hong.gildong@example.com' },
  { name: '김철수', member_id: 1002, phone: '010-2222-3333', nation: 'korea', email: 'cs@example.com' },
  { name: '김철수 (twin)', member_id: 1003, phone: '010-2222-3333', nation: 'korea', email: 'cs2@example.com' },
  { name: null, member_id: 9007199254740993n, phone: '010-0000-0000', nation: 'japan', email: 'x@example.com' },
];

/** A temp directory with `customers.sqlite`; `cleanup` removes it. */
export function makeDatabase(): { dir: string; file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-server-'));
  const file = join(dir, 'customers.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE customers (name TEXT, member_id INTEGER, phone TEXT, nation TEXT, email TEXT); CREATE INDEX by_phone ON customers(phone);');
  const insert = db.prepare('INSERT INTO customers VALUES (:name, :member_id, :phone, :nation, :email)');
  for (const c of CUSTOMERS) insert.run(c);
  db.close();
  return { dir, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A config value (before `parseConfig`) for the test database; override any top-level key. */
export function configValue(file: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 0, path: '/lookup' },
    auth: { keys: [KEY], scheme: 'auto' },
    lookup: {
      callNum: { required: true, maxLength: 20, pattern: '^[0-9+-]+$' },
      nation: { required: false, maxLength: 10, values: ['korea', 'japan'] },
    },
    source: {
      type: 'sqlite',
      file,
      query: 'SELECT name, member_id, phone, email FROM customers WHERE phone = :callNum AND (:nation IS NULL OR nation = :nation) ORDER BY member_id',
    },
    result: { userName: { column: 'name', mask: 'name' }, id: 'member_id', phone: { column: 'phone', mask: 'phone' } },
    log: { level: 'info' },
    ...overrides,
  };
}

/** A logger whose JSON lines land in `lines` (synchronously), for asserting what is logged. */
export function captureLogger(level = 'debug'): { logger: pino.Logger; lines: string[]; records(): Record<string, unknown>[] } {
  const lines: string[] = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(line) });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export interface TestServer {
  server: RunningServer;
  url: string;
  origin: string;
  lines: string[];
  records(): Record<string, unknown>[];
  /** POSTs a signed body (or unsigned with `sign: false`); headers override the defaults. */
  post(body: string, options?: { headers?: Record<string, string>; sign?: boolean; key?: string; timestamp?: number }): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: Record<string, string>; error?: { code: string; message: string; detail: unknown } };
}

/** Starts a real server on a random port with a captured log. */
export async function startTestServer(value: Record<string, unknown>, source?: Source): Promise<TestServer> {
  const capture = captureLogger();
  const config = parseConfig(value, { env: {} });
  const server = await startServer(config, { logger: capture.logger, ...(source ? { source } : {}) });
  const origin = new URL(server.url).origin;
  return {
    server,
    url: server.url,
    origin,
    lines: capture.lines,
    records: capture.records,
    async post(body, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.sign !== false) {
        const signed = signRequest({ key: options.key ?? KEY, body, timestamp: options.timestamp ?? Date.now() });
        headers.authorization = signed.authorization;
        headers['x-tc-timestamp'] = signed.timestamp;
      }
      return answer(await fetch(server.url, { method: 'POST', headers: { ...headers, ...options.headers }, body }));
    },
    close: () => server.close(),
  };
}

/** Reads a fetch response whole. */
export async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    // Left empty: the test asserts on `text`.
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * A database and a server on it for a whole `describe` block: started before its tests, closed
 * after them. `value` builds the config value from the database file.
 *
 * @example
 * const server = serverForSuite((file) => configValue(file, { limits: { bodyBytes: 256 } }));
 * it('answers', async () => expect((await server().post(BODY)).status).toBe(200));
 */
export function serverForSuite(value: (file: string) => Record<string, unknown> = (file) => configValue(file)): () => TestServer {
  const db = makeDatabase();
  let s: TestServer | undefined;
  beforeAll(async () => {
    s = await startTestServer(value(db.file));
  });
  afterAll(async () => {
    await s?.close();
    db.cleanup();
  });
  return () => s!;
}

/**
 * A signed request as an adapter hands it to `endpoint.handle`, with `headers` added.
 *
 * @example
 * const response = await endpoint.handle(signedRequest('{"callNum":"010-1234-5678"}'));
 */
export function signedRequest(body: string, headers: Record<string, string | string[]> = {}, path = '/lookup', method = 'POST'): EndpointRequest {
  const signed = signRequest({ key: KEY, body });
  return {
    method,
    path,
    headers: { 'content-type': 'application/json', authorization: signed.authorization, 'x-tc-timestamp': signed.timestamp, ...headers },
    remoteAddress: '127.0.0.1',
    readBody: async () => new TextEncoder().encode(body),
  };
}
