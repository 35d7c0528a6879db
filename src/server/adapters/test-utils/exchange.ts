import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { signRequest } from '../../../protocol/sign.js';
import { KEY } from '../../harness.test.helper.js';

/** One request of the adapter suite, written on node:http so every header is the test's own. */
export interface Exchange {
  method?: string;
  path?: string;
  body?: string;
  /** Signed now (the default), at another timestamp, with another key or over another body; `false`: unsigned. */
  sign?: { timestamp?: number; key?: string; body?: string } | false;
  /** Added to the defaults (`content-type: application/json`, the signature); `undefined` removes one. */
  headers?: Record<string, string | undefined>;
  /** Sent in two chunks without Content-Length, so only counting the bytes can find its size. */
  chunked?: boolean;
  /** Sends `Expect: 100-continue` and writes the body only once the server says `100 Continue`. */
  expectContinue?: boolean;
}

export interface Answered {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: { data?: Record<string, string>; error?: { code: string; message: string }; status?: string };
  /** Whether the server said `100 Continue` (and so the body was sent). */
  continued: boolean;
}

/**
 * Sends `exchange` to `origin` on a connection of its own and reads the answer whole.
 *
 * @example
 * const a = await send('http://127.0.0.1:8080', { path: '/lookup', body: '{"callNum":"010-1234-5678"}' });
 * a.status // 200
 */
export function send(origin: string, exchange: Exchange): Promise<Answered> {
  const { method = 'POST', path = '/lookup', body = '', sign = {} } = exchange;
  const headers: Record<string, string | undefined> = { 'content-type': 'application/json' };
  if (sign !== false) {
    const signed = signRequest({ key: sign.key ?? KEY, body: sign.body ?? body, timestamp: sign.timestamp ?? Date.now() });
    headers.authorization = signed.authorization;
    headers['x-tc-timestamp'] = signed.timestamp;
  }
  if (method !== 'GET' && !exchange.chunked) headers['content-length'] = String(Buffer.byteLength(body));
  if (exchange.expectContinue) headers.expect = '100-continue';
  Object.assign(headers, exchange.headers);
  const sent = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));

  return new Promise((resolve, reject) => {
    let continued = false;
    const req = httpRequest(`${origin}${path}`, { method, headers: sent, agent: false });
    const write = () => {
      if (exchange.chunked) for (const chunk of [body.slice(0, body.length >> 1), body.slice(body.length >> 1)]) req.write(chunk);
      req.end(exchange.chunked ? undefined : body);
    };
    req.on('continue', () => {
      continued = true;
      write();
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        req.destroy();
        let json: Answered['json'] = {};
        try {
          json = JSON.parse(text) as Answered['json'];
        } catch {
          // Left empty: not every answer is JSON (/metrics, a framework's own 404 page).
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, continued });
      });
    });
    req.on('error', reject);
    if (exchange.expectContinue) req.flushHeaders();
    else if (method === 'GET') req.end();
    else write();
  });
}
