import { afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { verifyRequest } from '../../protocol/verify.js';
import type { Scheme } from '../../protocol/types.js';

/** A test server on a random loopback port; `close` also ends open and hanging connections. */
export interface TestServer {
  url: string;
  /** Every request received: path, lower-case headers, raw body bytes. */
  requests: Array<{ path: string; headers: IncomingMessage['headers']; body: Buffer }>;
  close(): Promise<void>;
}

const here = new URL('.', import.meta.url);
export const TEST_CA = readFileSync(new URL('test-ca.pem', here));
const TLS = { key: readFileSync(new URL('test-server.key', here)), cert: readFileSync(new URL('test-server.pem', here)) };

/**
 * Starts a server on 127.0.0.1 with a random port. The handler gets the raw body already read.
 *
 * @example
 * const server = await startServer((req, res) => res.end('{}'));
 */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer, entry: TestServer['requests'][number]) => void,
  options: { tls?: boolean; readBody?: boolean; path?: string } = {},
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const listener: RequestListener = (req, res) => {
    if (options.readBody === false) {
      const entry = { path: req.url ?? '', headers: req.headers, body: Buffer.alloc(0) };
      requests.push(entry);
      handler(req, res, entry.body, entry);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(entry);
      handler(req, res, entry.body, entry);
    });
  };
  const server = options.tls ? https.createServer(TLS, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${options.path ?? '/oc/customer'}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A `track(startServer(...))` helper whose servers are all closed after each test.
 *
 * @example
 * const track = trackServers();
 * const endpoint = await track(startEndpoint());
 */
export function trackServers(): (server: Promise<TestServer>) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (server) => {
    const s = await server;
    servers.push(s);
    return s;
  };
}

export const KEY = 'bf7769e5321448de88838cdb';
export const FOUND = { callNum: '01012345678', nation: 'korea' };
export const MISSING = { callNum: '01000000000', nation: 'korea' };

/** How a deliberately broken endpoint goes wrong. */
export type Flaw = 'none' | 'no-signature-check' | 'no-timestamp-window' | 'bad-signature-400';

/**
 * A customer-info endpoint on custlink's protocol core, correct unless given a flaw. One
 * customer exists (`FOUND`); bodies over 64 KiB get 413 before they are read.
 *
 * @example
 * const endpoint = await startEndpoint({ flaw: 'no-signature-check' });
 */
export function startEndpoint(options: { flaw?: Flaw; scheme?: Scheme; rejectReplays?: boolean; tls?: boolean } = {}) {
  const flaw = options.flaw ?? 'none';
  const seen = new Set<string>();
  const reply = (res: ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
  };
  const error = (code: string | number, message: string) => ({ error: { code, message, detail: null } });
  return startServer(
    (req, res, _empty, entry) => {
      if (Number(req.headers['content-length'] ?? 0) > 64 * 1024) {
        reply(res, 413, error('body_too_large', 'Request body is too large.'));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        entry.body = body;
        if (flaw !== 'no-signature-check') {
          const verdict = verifyRequest({
            keys: KEY,
            body,
            timestamp: req.headers['x-tc-timestamp'] as string | undefined,
            authorization: req.headers.authorization,
            uri: (req.url ?? '').split('?')[0],
            scheme: options.scheme ?? 'body+timestamp',
            ...(flaw === 'no-timestamp-window' ? { toleranceMs: Number.MAX_SAFE_INTEGER } : {}),
          });
          if (!verdict.ok) return reply(res, flaw === 'bad-signature-400' ? 400 : 403, error(verdict.code, verdict.message));
          const signature = req.headers.authorization ?? '';
          if (options.rejectReplays && seen.has(signature)) return reply(res, 403, error('replay', 'Request was already used.'));
          seen.add(signature);
        }
        let items: unknown;
        try {
          items = JSON.parse(body.toString('utf8'));
        } catch {
          return reply(res, 400, error('bad_json', 'Body is not JSON.'));
        }
        const callNum = (items as Record<string, unknown> | null)?.callNum;
        if (typeof callNum !== 'string') return reply(res, 400, error('missing_item', 'callNum is required.'));
        if (callNum !== FOUND.callNum) return reply(res, 400, error(911, 'Not existing user.'));
        return reply(res, 200, { data: { userName: '홍길동', id: 'hong' } });
      });
    },
    { readBody: false, ...(options.tls ? { tls: true } : {}) },
  );
}
