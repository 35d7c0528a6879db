import { describe, expect, it } from 'vitest';
import { parseResponseBody } from '../../protocol/envelope.js';
import { configValue, serverForSuite } from '../harness.test.helper.js';
import { rawExchange } from './raw-http.test.helper.js';

const CONNECT = 'CONNECT 010-7700-0010.example:443 HTTP/1.1\r\nHost: 010-7700-0010.example:443\r\n\r\n';

describe('requests the HTTP parser refuses', () => {
  const server = serverForSuite();
  const head = 'POST /lookup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';

  it.each([
    ['two different Content-Lengths', `${head}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400, 'MALFORMED_HTTP'],
    ['Content-Length beside chunked', `${head}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`, 400, 'MALFORMED_HTTP'],
    ['headers over 16 KB', `${head}X-Pad: ${'x'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`, 431, 'HEADERS_TOO_LARGE'],
  ])('answers %s with the protocol envelope and a request id it logs, then closes', async (_, text, status, code) => {
    const before = server().lines.length;
    const a = await rawExchange(server().server.port, text);
    expect(a.status).toBe(status);
    expect(a.contentType).toBe('application/json; charset=utf-8');
    expect(parseResponseBody(a.text)).toMatchObject({ kind: 'error', error: { code, detail: null } });
    expect(a.requestId).toMatch(/^[A-Za-z0-9]+-[0-9a-z]+$/);
    const logged = server().lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(expect.objectContaining({ reqId: a.requestId, status, code, msg: 'request' }));
  });

  it('answers CONNECT (which node:http hands to no request handler) as a target of no API, 404 with a request id and a log line', async () => {
    const before = server().lines.length;
    const a = await rawExchange(server().server.port, CONNECT);
    expect(a.status).toBe(404);
    expect(a.contentType).toBe('application/json; charset=utf-8');
    expect(parseResponseBody(a.text)).toMatchObject({ kind: 'error', error: { code: 'UNKNOWN_PATH', detail: null } });
    expect(a.requestId).toMatch(/^[A-Za-z0-9]+-[0-9a-z]+$/);
    const logged = server().lines.slice(before);
    expect(logged.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ reqId: a.requestId, method: 'CONNECT', status: 404, code: 'UNKNOWN_PATH', msg: 'request' }),
    );
    // The tunnel target is the client's choice of text: never logged.
    expect(logged.join('\n')).not.toContain('7700');
  });
});

describe('CONNECT from outside allowIps', () => {
  const server = serverForSuite((file) => configValue(file, { allowIps: ['10.0.0.0/8'] }));

  it('gets 403 IP_NOT_ALLOWED, as any request from there does, and learns nothing of methods or paths', async () => {
    const before = server().lines.length;
    const a = await rawExchange(server().server.port, CONNECT);
    expect(a.status).toBe(403);
    expect(parseResponseBody(a.text)).toMatchObject({ kind: 'error', error: { code: 'IP_NOT_ALLOWED' } });
    expect(server().lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ reqId: a.requestId, method: 'CONNECT', status: 403, code: 'IP_NOT_ALLOWED' }),
    );
  });
});
