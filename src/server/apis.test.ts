import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../protocol/sign.js';
import { checkWorkers } from './cluster/options.js';
import { parseConfig } from './config/parse.js';
import { answer, captureLogger, configValue, KEY, makeDatabase, type Answer } from './harness.test.helper.js';
import { startServer, type RunningServer } from './transport/http.js';

const ORDER_KEY = 'ffeeddccbbaa998877665544';
const NEXT_ORDER_KEY = '0123456789abcdef01234567';
const MEMBER = '{"callNum":"010-1234-5678"}';
const ORDER = '{"orderId":"A-77"}';

/** 회원정보 by phone and 주문정보 by order id, from two tables of one SQLite file, at two paths. */
function twoApis(file: string, orderKey = ORDER_KEY): Record<string, unknown> {
  const { auth, lookup, source, result } = configValue(file);
  return {
    listen: { host: '127.0.0.1', port: 0 },
    log: { level: 'info' },
    apis: [
      { name: '회원정보', path: '/members', auth: { ...(auth as object), replay: { store: 'memory' } }, lookup, source, result },
      {
        name: '주문정보',
        path: '/orders',
        auth: { keys: [orderKey], replay: { store: 'memory' } },
        lookup: { orderId: { required: true, maxLength: 20 } },
        source: { type: 'sqlite', file, query: 'SELECT order_id, item, status FROM orders WHERE order_id = :orderId' },
        result: { orderId: 'order_id', item: 'item', status: 'status' },
      },
    ],
  };
}

describe('several APIs on one server (apis:)', () => {
  const db = makeDatabase();
  const capture = captureLogger();
  let server: RunningServer;

  beforeAll(async () => {
    const sqlite = new Database(db.file);
    sqlite.exec("CREATE TABLE orders (order_id TEXT PRIMARY KEY, item TEXT, status TEXT); INSERT INTO orders VALUES ('A-77', '키보드', '배송중')");
    sqlite.close();
    server = await startServer(parseConfig(twoApis(db.file), { env: {} }), { logger: capture.logger });
  });
  afterAll(async () => {
    await server?.close();
    db.cleanup();
  });

  const origin = () => new URL(server.url).origin;
  const post = async (path: string, body: string, key: string, timestamp = Date.now()): Promise<Answer> => {
    const { authorization } = signRequest({ key, body, timestamp });
    const headers = { 'content-type': 'application/json', authorization, 'x-tc-timestamp': String(timestamp) };
    return answer(await fetch(origin() + path, { method: 'POST', headers, body }));
  };

  it('lists each API by name and URL, and each path answers its own data', async () => {
    expect(server.apis).toEqual([
      { name: '회원정보', url: `${origin()}/members` },
      { name: '주문정보', url: `${origin()}/orders` },
    ]);
    expect((await post('/members', MEMBER, KEY)).json).toEqual({ data: { userName: '홍*동', id: '1001', phone: '010-****-5678' } });
    expect((await post('/orders', ORDER, ORDER_KEY)).json).toEqual({ data: { orderId: 'A-77', item: '키보드', status: '배송중' } });
    // Each API checks its own lookup items: 주문정보 has no callNum.
    expect((await post('/orders', MEMBER, ORDER_KEY)).json.error?.code).toBe('MISSING_ITEM');
    expect((await post('/', MEMBER, KEY)).status).toBe(404);
  });

  it("refuses a request signed with one API's key at the other API's path", async () => {
    const crossed = await post('/orders', ORDER, KEY);
    expect(crossed.status).toBe(403);
    expect(crossed.json.error?.code).toBe('BAD_SIGNATURE');
    expect((await post('/members', MEMBER, ORDER_KEY)).json.error?.code).toBe('BAD_SIGNATURE');
  });

  it('labels the metrics and the log lines with the API name', async () => {
    const metrics = await (await fetch(`${origin()}/metrics`)).text();
    expect(metrics).toMatch(/custlink_requests_total\{status="200",code="OK",api="회원정보"\} 1\n/);
    expect(metrics).toMatch(/custlink_requests_total\{status="200",code="OK",api="주문정보"\} 1\n/);
    expect(metrics).toMatch(/custlink_requests_total\{status="403",code="BAD_SIGNATURE",api="주문정보"\} 1\n/);
    expect(metrics).toMatch(/custlink_verify_failures_total\{code="BAD_SIGNATURE",api="회원정보"\} 1\n/);
    expect(metrics).toMatch(/custlink_lookup_duration_seconds_count\{api="회원정보"\} 1\n/);
    expect(metrics).toMatch(/custlink_lookup_duration_seconds_count\{api="주문정보"\} 1\n/);
    expect(metrics).toMatch(/custlink_requests_total\{status="404",code="UNKNOWN_PATH",api=""\} 1\n/);
    const requests = capture.records().filter((r) => r.msg === 'request');
    expect(requests.filter((r) => r.api === '주문정보').map((r) => r.code)).toEqual(['OK', 'MISSING_ITEM', 'BAD_SIGNATURE']);
    expect(requests.filter((r) => r.api === '회원정보').map((r) => r.code)).toEqual(['OK', 'BAD_SIGNATURE']);
  });

  it("reloads a changed key of one API; the other keeps serving, and each remembers its signatures", async () => {
    const at = Date.now();
    const member = await post('/members', MEMBER, KEY, at);
    const order = await post('/orders', ORDER, ORDER_KEY, at);
    expect([member.status, order.status]).toEqual([200, 200]);

    await server.reload(parseConfig(twoApis(db.file, NEXT_ORDER_KEY), { env: {} }));

    expect((await post('/members', MEMBER, KEY)).status).toBe(200);
    expect((await post('/orders', ORDER, ORDER_KEY)).json.error?.code).toBe('BAD_SIGNATURE');
    expect((await post('/orders', ORDER, NEXT_ORDER_KEY)).status).toBe(200);
    // The same signed bytes as before the reload: each API's store was kept, not emptied.
    expect((await post('/members', MEMBER, KEY, at)).json.error?.code).toBe('REPLAYED');
  });

  it('refuses memory replay stores of any API with --workers', () => {
    const config = parseConfig(twoApis(db.file), { env: {} });
    expect(() => checkWorkers(config, 2)).toThrow(/apis\[0\]\.auth\.replay\.store: memory is one process's memory[\s\S]*apis\[1\]\.auth\.replay\.store/);
    expect(() => checkWorkers(config, 1)).not.toThrow();
  });
});
