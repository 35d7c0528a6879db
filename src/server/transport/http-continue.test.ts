import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { configValue, KEY, serverForSuite, type TestServer } from '../harness.test.helper.js';

const BODY = '{"callNum":"010-1234-5678"}';

interface Exchange {
  status: number;
  code: string | undefined;
  /** Whether the server said `100 Continue` (and so the body was sent). */
  continued: boolean;
  connection: string | undefined;
}

/** A POST that sends `Expect: 100-continue` and writes its body only when told to continue. */
function postExpecting(s: TestServer, body: string, headers: Record<string, string>): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = httpRequest(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', expect: '100-continue', 'content-length': String(Buffer.byteLength(body)), ...headers },
    });
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        req.destroy();
        const json = JSON.parse(text) as { error?: { code: string } };
        resolve({ status: res.statusCode ?? 0, code: json.error?.code, continued, connection: res.headers.connection });
      });
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

describe('Expect: 100-continue', () => {
  const server = serverForSuite((file) => configValue(file, { limits: { bodyBytes: 256 } }));

  it('asks for the body of a request that passes the header checks, and answers it', async () => {
    const sig = signRequest({ key: KEY, body: BODY });
    const a = await postExpecting(server(), BODY, { authorization: sig.authorization, 'x-tc-timestamp': sig.timestamp });
    expect(a).toMatchObject({ status: 200, continued: true });
  });

  it.each([
    ['a stale timestamp', { 'x-tc-timestamp': String(Date.now() - 600_000) }, 403, 'STALE'],
    ['no signature', { authorization: '' }, 403, 'MISSING_SIGNATURE'],
    ['a declared length over the limit', { 'content-length': '100000' }, 413, 'BODY_TOO_LARGE'],
    ['a form content type', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('refuses %s without the body being sent, and closes the connection', async (_, overrides, status, code) => {
    const sig = signRequest({ key: KEY, body: BODY });
    const headers: Record<string, string> = { authorization: sig.authorization, 'x-tc-timestamp': sig.timestamp, ...overrides };
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const a = await postExpecting(server(), BODY, headers);
    expect(a).toMatchObject({ status, code, continued: false, connection: 'close' });
  });
});
