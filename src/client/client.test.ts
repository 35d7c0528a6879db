import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CustlinkError } from '../protocol/errors.js';
import { verifyRequest } from '../protocol/verify.js';
import { createClient } from './client.js';
import { FOUND, KEY, MISSING, startEndpoint, startServer, TEST_CA, trackServers } from './test-utils/servers.js';

const track = trackServers();

describe('createClient().lookup', () => {
  it('gets the data of a known customer, signed so that the endpoint accepts it', async () => {
    const endpoint = await track(startEndpoint());
    const result = await createClient({ url: endpoint.url, key: KEY }).lookup(FOUND);
    expect(result).toMatchObject({ status: 200, ok: true, data: { userName: '홍길동', id: 'hong' } });
    expect(result.agentMessage).toEqual({ ko: '조회 성공', en: 'Lookup succeeded' });
    expect(result.request.body).toBe('{"callNum":"01012345678","nation":"korea"}');
    expect(result.request.headers['x-tc-timestamp']).toMatch(/^\d{13}$/);
    expect(result.request.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('never exposes the signature in the result: Authorization is redacted', async () => {
    const endpoint = await track(startServer((_req, res) => res.writeHead(200).end('{"data":{}}')));
    const result = await createClient({ url: endpoint.url, key: KEY }).lookup(FOUND);
    const sent = endpoint.requests[0]!.headers.authorization!;
    expect(sent).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(result.request.headers.authorization).toBe(`${sent.slice(0, 4)}…(44 chars)`);
    expect(JSON.stringify(result)).not.toContain(sent);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('reports an unknown customer as 400 with the error envelope and the "no result" message', async () => {
    const endpoint = await track(startEndpoint());
    const result = await createClient({ url: endpoint.url, key: KEY }).lookup(MISSING);
    expect(result).toMatchObject({ status: 400, ok: false, error: { code: 911, message: 'Not existing user.' } });
    expect(result.agentMessage.ko).toBe('조회 결과가 없습니다.');
  });

  it('sends no Authorization without a key (helpdesk 암호화 여부 = 아니오)', async () => {
    const endpoint = await track(startEndpoint());
    const client = createClient({ url: endpoint.url });
    const result = await client.lookup(FOUND);
    expect(client.signed).toBe(false);
    expect(endpoint.requests[0]!.headers.authorization).toBeUndefined();
    expect(result.status).toBe(403);
    expect(result.agentMessage.ko).toBe('요청한 서버에 조회 권한이 없습니다.');
  });

  it('signs the request path without its query for the uri+body+timestamp scheme', async () => {
    const endpoint = await track(startEndpoint({ scheme: 'uri+body+timestamp' }));
    const client = createClient({ url: `${endpoint.url}?tenant=1`, key: KEY, scheme: 'uri+body+timestamp' });
    expect((await client.lookup(FOUND)).status).toBe(200);
    expect(endpoint.requests[0]!.path).toBe('/oc/customer?tenant=1');
  });

  it('gives two quick requests different timestamps, so neither looks like a replay', async () => {
    const endpoint = await track(startEndpoint({ rejectReplays: true }));
    const client = createClient({ url: endpoint.url, key: KEY });
    const results = await Promise.all([client.lookup(FOUND), client.lookup(FOUND), client.lookup(FOUND)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(results.map((r) => r.request.headers['x-tc-timestamp'])).size).toBe(3);
  });

  it('refuses bad options with a CustlinkError, before anything is sent', () => {
    expect(() => createClient({ url: 'ftp://example.com/' })).toThrow(CustlinkError);
    expect(() => createClient({ url: 'not a url' })).toThrow(/not a URL/);
    expect(() => createClient({ url: 'http://127.0.0.1/', key: '' })).toThrow(/key/);
    expect(() => createClient({ url: 'http://127.0.0.1/', timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});

describe('createClient().send', () => {
  it('sends bytes exactly as given and signs those very bytes', async () => {
    const endpoint = await track(startServer((_req, res) => res.writeHead(200).end('{"data":{"a":"b"}}')));
    const body = Buffer.from('{ \n  "callNum":"1",\n  "name":"홍길동 \\u0041 😀"\n}', 'utf8');
    await createClient({ url: endpoint.url, key: KEY }).send({ body });
    const got = endpoint.requests[0]!;
    expect(got.body.equals(body)).toBe(true);
    const verdict = verifyRequest({
      keys: KEY,
      body: got.body,
      timestamp: got.headers['x-tc-timestamp'] as string,
      authorization: got.headers.authorization,
    });
    expect(verdict.ok).toBe(true);
  });

  it('leaves out headers set to null and sends given values unchanged', async () => {
    const endpoint = await track(startServer((_req, res) => res.writeHead(403).end('{"error":{"code":"x","message":"m"}}')));
    const client = createClient({ url: endpoint.url, key: KEY });
    await client.send({ body: '{}', timestamp: null, authorization: null });
    await client.send({ body: '{}', timestamp: 'abc', authorization: 'forged', headers: { 'X-Extra': '1' } });
    const [first, second] = endpoint.requests;
    expect(first!.headers['x-tc-timestamp']).toBeUndefined();
    expect(first!.headers.authorization).toBeUndefined();
    expect(second!.headers).toMatchObject({ 'x-tc-timestamp': 'abc', authorization: 'forged', 'x-extra': '1' });
  });
});

describe('outcomes that are not answers', () => {
  it('reports a header Node refuses to send as a result, not an exception', async () => {
    const result = await createClient({ url: 'http://127.0.0.1:9/', key: KEY }).send({ body: '{}', headers: { 'x-bad': 'a\nb' } });
    expect(result.status).toBe(0);
    expect(result.cause).toMatch(/^request not sent/);
  });

  it('reports a non-protocol body with its status, the 500 message for the agent and a cause', async () => {
    const endpoint = await track(startServer((_req, res) => res.writeHead(502).end('<html>Bad Gateway</html>')));
    const result = await createClient({ url: endpoint.url, key: KEY }).lookup(FOUND);
    expect(result).toMatchObject({ status: 502, ok: false, agentMessage: { ko: '오류가 발생하였습니다.' } });
    expect(result.cause).toContain('not JSON');
    expect(result.rawBody).toBe('<html>Bad Gateway</html>');
  });

  it('treats a 200 without a data envelope as an error for the agent', async () => {
    const endpoint = await track(startServer((_req, res) => res.writeHead(200).end('{"userName":"x"}')));
    const result = await createClient({ url: endpoint.url, key: KEY }).lookup(FOUND);
    expect(result).toMatchObject({ status: 200, ok: false, agentMessage: { en: 'An error occurred.' } });
    expect(result.cause).toContain('neither');
  });

  it('gives up on a server that never answers, as status 0, and closes the connection', async () => {
    let closed!: Promise<void>;
    const endpoint = await track(
      startServer((req) => (closed = new Promise((resolve) => req.socket.on('close', () => resolve()))), { readBody: false }),
    );
    const result = await createClient({ url: endpoint.url, key: KEY, timeoutMs: 200 }).lookup(FOUND);
    expect(result).toMatchObject({ status: 0, ok: false, agentMessage: { ko: '오류가 발생하였습니다.' } });
    expect(result.cause).toBe('timed out after 200 ms');
    await closed; // resolves only if the client really closed the socket
  });

  it('reports a refused connection as status 0 with the reason', async () => {
    const port = await freePort();
    const result = await createClient({ url: `http://127.0.0.1:${port}/`, key: KEY }).lookup(FOUND);
    expect(result).toMatchObject({ status: 0, ok: false });
    expect(result.cause).toContain('ECONNREFUSED');
  });

  it('reports a host that does not resolve as status 0', async () => {
    const result = await createClient({ url: 'http://custlink-test.invalid/', key: KEY, timeoutMs: 3000 }).lookup(FOUND);
    expect(result.status).toBe(0);
    expect(result.cause).toMatch(/DNS|ENOTFOUND|EAI_AGAIN|timed out/);
  });

  it('keeps an answer sent before the body was read, even when the server then drops the connection', async () => {
    const endpoint = await track(
      startServer(
        (_req, res) => {
          res.writeHead(413, { connection: 'close' }).end('{"error":{"code":"too_large","message":"Too large.","detail":null}}');
          res.on('finish', () => res.socket?.destroy());
        },
        { readBody: false },
      ),
    );
    const body = Buffer.alloc(4 * 1024 * 1024, 0x20);
    const result = await createClient({ url: endpoint.url, key: KEY }).send({ body });
    // The answer can be lost to a reset when the kernel discards it; then it is a no-answer, not a hang.
    if (result.status !== 0) expect(result).toMatchObject({ status: 413, error: { code: 'too_large' } });
    else expect(result.cause).toMatch(/ECONNRESET|EPIPE/);
  });
});

describe('HTTPS', () => {
  it('trusts a self-signed test server through the ca option', async () => {
    const endpoint = await track(startEndpoint({ tls: true }));
    const result = await createClient({ url: endpoint.url, key: KEY, ca: TEST_CA }).lookup(FOUND);
    expect(result).toMatchObject({ status: 200, ok: true });
  });

  it('refuses an untrusted certificate as status 0 with a TLS cause', async () => {
    const endpoint = await track(startEndpoint({ tls: true }));
    const result = await createClient({ url: endpoint.url, key: KEY }).lookup(FOUND);
    expect(result.status).toBe(0);
    expect(result.cause).toMatch(/TLS|certificate/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
