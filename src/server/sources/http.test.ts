import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { ConfigError } from '../config/error.js';
import { parseConfig } from '../config/parse.js';
import type { HttpSourceConfig } from '../config/types.js';
import { createEndpoint, type Endpoint } from '../endpoint.js';
import { captureLogger, KEY } from '../harness.test.helper.js';
import { openHttpSource } from './http.js';

const TOKEN = 't0ken-5ecret-XYZ';
// Korean text and the characters that would break a query string if spliced in raw.
const PHONE = '홍 길동&x=1?y#z/%';
const MEMBER = { name: '홍길동', member_id: 1001, profile: { tier: 'gold' } };

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real upstream API on a random port; `reply` decides each answer. */
interface Upstream {
  port: number;
  seen: Seen[];
  reply: (res: ServerResponse, seen: Seen) => void;
  /** Resolves when the last request's response closes: `true` if the client left before the answer was sent. */
  lastClosed: Promise<boolean>;
  server: Server;
}

function startUpstream(): Promise<Upstream> {
  const upstream = { seen: [] as Seen[], reply: (res: ServerResponse) => json(res, 200, {}), lastClosed: Promise.resolve(false) } as unknown as Upstream;
  upstream.server = createServer((req, res) => {
    upstream.lastClosed = new Promise((resolve) => res.on('close', () => resolve(!res.writableFinished)));
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const seen = { method: req.method!, url: req.url!, headers: req.headers, body };
      upstream.seen.push(seen);
      upstream.reply(res, seen);
    });
  });
  return new Promise((resolve) => upstream.server.listen(0, '127.0.0.1', () => {
    upstream.port = (upstream.server.address() as AddressInfo).port;
    resolve(upstream);
  }));
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

function configFor(port: number, source: Record<string, unknown> = {}, limits: Record<string, unknown> = {}) {
  return parseConfig({
    listen: { path: '/lookup' },
    auth: { keys: [KEY] },
    lookup: { callNum: { required: true, maxLength: 40 }, nation: { required: false } },
    source: { type: 'http', url: `http://127.0.0.1:${port}/members?phone={callNum}`, headers: { authorization: `Bearer ${TOKEN}` }, rows: 'data.member', ...source },
    result: { userName: 'name', id: 'member_id', profile: 'profile' },
    limits,
  }, { env: {} });
}

/** An endpoint on the upstream, and `ask`, which sends it a signed helpdesk request. */
async function endpointOn(port: number, source: Record<string, unknown> = {}, limits: Record<string, unknown> = {}) {
  const capture = captureLogger();
  const endpoint: Endpoint = await createEndpoint(configFor(port, source, limits), { logger: capture.logger });
  const ask = async (items: Record<string, string>) => {
    const body = JSON.stringify(items);
    const { authorization, timestamp } = signRequest({ key: KEY, body });
    const response = await endpoint.handle({
      method: 'POST',
      path: '/lookup',
      headers: { 'content-type': 'application/json', authorization, 'x-tc-timestamp': timestamp },
      remoteAddress: '127.0.0.1',
      readBody: async () => new TextEncoder().encode(body),
    });
    return { ...response, code: (JSON.parse(response.body) as { error?: { code: string } }).error?.code };
  };
  return { endpoint, ask, log: () => capture.lines.join('\n') };
}

let upstream: Upstream;
beforeAll(async () => (upstream = await startUpstream()));
afterAll(() => {
  upstream.server.closeAllConnections();
  return new Promise<void>((resolve) => upstream.server.close(() => resolve()));
});
beforeEach(() => {
  upstream.seen.length = 0;
});

describe('HTTP source: found and not found', () => {
  it('answers 200 with the row; the upstream saw the encoded value and the token', async () => {
    upstream.reply = (res) => json(res, 200, { data: { member: MEMBER } });
    const { endpoint, ask } = await endpointOn(upstream.port);
    const answer = await ask({ callNum: PHONE });
    await endpoint.close();
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('{"data":{"userName":"홍길동","id":"1001","profile":"{\\"tier\\":\\"gold\\"}"}}');
    const [seen] = upstream.seen;
    expect(seen!.method).toBe('GET');
    expect(seen!.url).toBe(`/members?phone=${encodeURIComponent(PHONE)}`);
    expect(new URL(seen!.url, 'http://x').searchParams.get('phone')).toBe(PHONE);
    expect(seen!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('POSTs exactly the lookup items as JSON and reads the whole body with rows ""', async () => {
    upstream.reply = (res) => json(res, 200, MEMBER);
    const { endpoint, ask } = await endpointOn(upstream.port, { method: 'POST', url: `http://127.0.0.1:${upstream.port}/members/search`, rows: '' });
    const both = await ask({ callNum: PHONE, nation: 'korea', extra: 'not an item' });
    const one = await ask({ callNum: '010' });
    await endpoint.close();
    expect([both.status, one.status]).toEqual([200, 200]);
    expect(upstream.seen.map((s) => [s.method, s.url, s.headers['content-type'], JSON.parse(s.body)])).toEqual([
      ['POST', '/members/search', 'application/json', { callNum: PHONE, nation: 'korea' }],
      ['POST', '/members/search', 'application/json', { callNum: '010' }],
    ]);
  });

  it.each([
    ['404', (res: ServerResponse) => json(res, 404, { error: 'no member' })],
    ['rows path missing', (res: ServerResponse) => json(res, 200, { data: {} })],
    ['null at rows', (res: ServerResponse) => json(res, 200, { data: { member: null } })],
    ['empty array at rows', (res: ServerResponse) => json(res, 200, { data: { member: [] } })],
  ])('answers 400 NOT_FOUND for %s', async (_, reply) => {
    upstream.reply = reply;
    const { endpoint, ask } = await endpointOn(upstream.port);
    const answer = await ask({ callNum: PHONE });
    await endpoint.close();
    expect([answer.status, answer.code]).toEqual([400, 'NOT_FOUND']);
  });

  it('answers NOT_FOUND, without asking upstream, for a path segment that is "..", "." or empty', async () => {
    upstream.reply = (res) => json(res, 200, { data: { member: MEMBER } });
    const { endpoint, ask } = await endpointOn(upstream.port, { url: `http://127.0.0.1:${upstream.port}/members/{nation}/x?phone={callNum}` });
    const codes = [await ask({ callNum: '1', nation: '..' }), await ask({ callNum: '1', nation: '.' }), await ask({ callNum: '..' })].map((a) => a.code);
    const found = await ask({ callNum: '..', nation: '...' });
    await endpoint.close();
    expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(found.status).toBe(200);
    expect(upstream.seen.map((s) => s.url)).toEqual(['/members/.../x?phone=..']);
  });

  it('counts a status listed in notFoundStatus as not found', async () => {
    upstream.reply = (res) => json(res, 410, {});
    const { endpoint, ask } = await endpointOn(upstream.port, { notFoundStatus: [404, 410] });
    expect((await ask({ callNum: '1' })).code).toBe('NOT_FOUND');
    await endpoint.close();
  });

  it('answers NOT_UNIQUE for two rows with unique: true, the first row otherwise', async () => {
    upstream.reply = (res) => json(res, 200, { data: { member: [MEMBER, { ...MEMBER, name: '김철수' }] } });
    const unique = await endpointOn(upstream.port, { unique: true });
    const first = await endpointOn(upstream.port);
    const [a, b] = [await unique.ask({ callNum: '1' }), await first.ask({ callNum: '1' })];
    await Promise.all([unique.endpoint.close(), first.endpoint.close()]);
    expect([a.status, a.code]).toEqual([400, 'NOT_UNIQUE']);
    expect(JSON.parse(b.body)).toEqual({ data: { userName: '홍길동', id: '1001', profile: '{"tier":"gold"}' } });
  });
});

describe('HTTP source: failures', () => {
  it.each([
    ['upstream 500', (res: ServerResponse) => json(res, 500, { error: `db down for ${PHONE}` }), /HTTP 500/],
    ['a redirect', (res: ServerResponse) => res.writeHead(302, { location: 'http://elsewhere.invalid/' }).end(), /HTTP 302/],
    ['invalid JSON', (res: ServerResponse) => res.writeHead(200).end(`<html>${PHONE}</html>`), /not JSON/],
    ['a string at rows', (res: ServerResponse) => json(res, 200, { data: { member: PHONE } }), /is a string/],
  ])('answers 500 SOURCE_ERROR for %s, leaking neither token nor value', async (_, reply, logged) => {
    upstream.reply = reply;
    const { endpoint, ask, log } = await endpointOn(upstream.port);
    const answer = await ask({ callNum: PHONE });
    await endpoint.close();
    expect([answer.status, answer.code]).toEqual([500, 'SOURCE_ERROR']);
    for (const text of [answer.body, log()]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain(encodeURIComponent(PHONE));
    }
    expect(log()).toMatch(logged);
  });

  it('answers 500 SOURCE_ERROR when the upstream refuses the connection', async () => {
    const gone = await startUpstream();
    await new Promise((resolve) => gone.server.close(resolve));
    const { endpoint, ask, log } = await endpointOn(gone.port);
    const answer = await ask({ callNum: PHONE });
    await endpoint.close();
    expect([answer.status, answer.code]).toEqual([500, 'SOURCE_ERROR']);
    expect(log()).toContain('ECONNREFUSED');
    for (const secret of [TOKEN, PHONE, encodeURIComponent(PHONE)]) expect(log() + answer.body).not.toContain(secret);
    await expect(openHttpSource(configFor(gone.port).apis[0]!.source as HttpSourceConfig).ready()).rejects.toThrow();
  });

  it('answers 500 SOURCE_TIMEOUT at sourceTimeoutMs and aborts the upstream request', async () => {
    upstream.reply = (res) => void setTimeout(() => json(res, 200, { data: { member: MEMBER } }), 3000).unref();
    const { endpoint, ask } = await endpointOn(upstream.port, {}, { sourceTimeoutMs: 200 });
    const started = Date.now();
    const answer = await ask({ callNum: '1' });
    const elapsed = Date.now() - started;
    const aborted = await upstream.lastClosed;
    await endpoint.close();
    expect(aborted).toBe(true);
    expect([answer.status, answer.code]).toEqual([500, 'SOURCE_TIMEOUT']);
    expect(elapsed).toBeLessThan(1500);
  });

  it('refuses an endless upstream body after 1 MiB without buffering the rest', async () => {
    let written = 0;
    upstream.reply = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let open = true;
      res.on('close', () => (open = false));
      const pump = () => {
        while (open && res.write(chunk)) written += chunk.length;
        if (open) res.once('drain', pump);
      };
      res.write('{"data":"');
      pump();
    };
    const { endpoint, ask, log } = await endpointOn(upstream.port);
    const answer = await ask({ callNum: '1' });
    const aborted = await upstream.lastClosed;
    await endpoint.close();
    expect(aborted).toBe(true);
    expect([answer.status, answer.code]).toEqual([500, 'SOURCE_ERROR']);
    expect(log()).toContain('larger than 1048576 bytes');
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    upstream.reply = (res) => res.writeHead(200, { 'content-length': String(3 * 1024 * 1024) }).end(Buffer.alloc(3 * 1024 * 1024, 32));
    const source = openHttpSource(configFor(upstream.port).apis[0]!.source as HttpSourceConfig);
    await expect(source.lookup({ callNum: '1' }, 1, new AbortController().signal)).rejects.toThrow(/larger than 1048576 bytes/);
  });
});

describe('HTTP source: start, readiness and close', () => {
  it('keeps the upstream connection alive across found and not-found lookups', async () => {
    let connections = 0;
    const count = () => void connections++;
    upstream.server.on('connection', count);
    let n = 0;
    upstream.reply = (res) => (n++ % 2 === 0 ? json(res, 200, { data: { member: MEMBER } }) : json(res, 404, {}));
    const { endpoint, ask } = await endpointOn(upstream.port);
    const codes = [];
    for (let i = 0; i < 20; i++) codes.push((await ask({ callNum: String(i) })).status);
    await endpoint.close();
    upstream.server.off('connection', count);
    expect(codes.filter((s) => s === 200)).toHaveLength(10);
    expect(connections).toBeLessThan(5);
  });

  it('is ready when the upstream answers any status, and closes idempotently', async () => {
    upstream.reply = (res) => json(res, 503, {});
    const source = openHttpSource(configFor(upstream.port).apis[0]!.source as HttpSourceConfig);
    await expect(source.ready()).resolves.toBeUndefined();
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'HEAD', url: '/' });
    await source.close();
    await source.close();
  });

  it('refuses at start a header value the runtime rejects, without quoting it', async () => {
    const config = configFor(upstream.port, { headers: { authorization: `Bearer ${TOKEN}\r\nx-evil: 1` } });
    const error = await createEndpoint(config, { logger: captureLogger().logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('source.headers.authorization');
    expect((error as Error).message).not.toContain(TOKEN);
  });
});
