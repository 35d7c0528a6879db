/** A real custlink endpoint (SQLite source, node:http) for the console's tests. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configValue, KEY, startTestServer, type TestServer } from '../../server/harness.test.helper.js';
import type { ApiSetting, ConsoleSettings } from '../types.js';

export { KEY };

/** Customers of the test endpoint; the last one's email is an HTML injection attempt. */
export const HONG = { name: '홍길동', masked: '홍*동', memberId: 1001, phone: '010-1234-5678', email: 'hong.gildong@example.com' };
export const XSS = { name: '이몽룡', memberId: 1002, phone: '010-9999-0000', email: '<img src=x onerror="document.body.dataset.pwned=1">' };
export const NOBODY_PHONE = '010-0000-0001';

export interface ConsoleTestEndpoint extends TestServer {
  cleanup(): Promise<void>;
}

/**
 * Starts the endpoint on a random port: lookup items callNum (required, 20) and nation (korea
 * or japan); result items userName (masked), id, email (unmasked, so raw HTML comes back) and
 * phone, which the console's settings below leave unconfigured.
 *
 * @example
 * const endpoint = await startConsoleEndpoint();
 * const settings = consoleSettings(endpoint.url);
 */
export async function startConsoleEndpoint(): Promise<ConsoleTestEndpoint> {
  return startOn((file) => configValue(file, { ...memberApi(file, KEY), log: { level: 'warn' } }));
}

/** The second API's own key on the two-API endpoint. */
export const PAYMENTS_KEY = 'ffeeddccbbaa998877665544';

export interface TwoApiEndpoint extends ConsoleTestEndpoint {
  /** URL of 회원정보 (path /members, key KEY). */
  members: string;
  /** URL of 결제정보 (path /payments, key PAYMENTS_KEY). */
  payments: string;
}

/**
 * One custlink server with `apis:`: 회원정보 at /members (key KEY) and 결제정보 at /payments
 * (key PAYMENTS_KEY), both answering the lookup and results of `startConsoleEndpoint`.
 *
 * @example
 * const endpoint = await startTwoApiEndpoint();
 * const settings = { apis: [apiSettings(endpoint.members), apiSettings(endpoint.payments, PAYMENTS_KEY, 'api-2', '결제정보')] };
 */
export async function startTwoApiEndpoint(): Promise<TwoApiEndpoint> {
  const endpoint = await startOn((file) => ({
    listen: { host: '127.0.0.1', port: 0 },
    log: { level: 'warn' },
    apis: [
      { name: '회원정보', path: '/members', ...memberApi(file, KEY) },
      { name: '결제정보', path: '/payments', ...memberApi(file, PAYMENTS_KEY) },
    ],
  }));
  const [members, payments] = endpoint.server.apis.map((api) => api.url);
  return { ...endpoint, members: members!, payments: payments! };
}

/** auth, lookup, source and result of one API over the customers table, signed with `key`. */
function memberApi(file: string, key: string): Record<string, unknown> {
  const { lookup, source } = configValue(file);
  return {
    auth: { keys: [key], scheme: 'body+timestamp' },
    lookup,
    source,
    result: { userName: { column: 'name', mask: 'name' }, id: 'member_id', email: 'email', phone: { column: 'phone', mask: 'phone' } },
  };
}

async function startOn(config: (file: string) => Record<string, unknown>): Promise<ConsoleTestEndpoint> {
  const dir = mkdtempSync(join(tmpdir(), 'custlink-console-'));
  const file = join(dir, 'customers.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE customers (name TEXT, member_id INTEGER, phone TEXT, nation TEXT, email TEXT)');
  const insert = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?, ?)');
  for (const c of [HONG, XSS]) insert.run(c.name, c.memberId, c.phone, 'korea', c.email);
  db.close();
  const server = await startTestServer(config(file));
  return {
    ...server,
    async cleanup() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One API of the console for the endpoint above, with the right key unless told otherwise.
 * `grade` is a 결과 항목 the endpoint never sends (shown empty). callNum is a 티켓 필드 looked
 * up automatically for phone tickets.
 *
 * @example
 * await consoleApi.put('/api/settings', { apis: [apiSettings(endpoint.url)] });
 */
export function apiSettings(url: string, key = KEY, id = 'api-1', name = '회원정보'): ApiSetting {
  return {
    id,
    name,
    url,
    signing: true,
    key,
    scheme: 'body+timestamp',
    timeoutMs: 3000,
    lookupItems: [
      { kind: 'ticketField', name: 'callNum', label: '전화번호', maxLength: 20, required: true, type: 'text', values: [], defaultValue: '', channels: ['phone'] },
      { kind: 'general', name: 'nation', label: '국가', maxLength: 10, required: false, type: 'select', values: ['korea', 'japan'], defaultValue: '', channels: [] },
    ],
    resultItems: [
      { name: 'userName', label: '고객명' },
      { name: 'id', label: '회원 ID' },
      { name: 'email', label: '이메일' },
      { name: 'grade', label: '등급' },
    ],
  };
}

/**
 * Console settings with the one API above.
 *
 * @example
 * await consoleApi.put('/api/settings', consoleSettings(endpoint.url));
 */
export function consoleSettings(url: string, key = KEY): ConsoleSettings {
  return { apis: [apiSettings(url, key)] };
}
