import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError, RefusalError } from './issues.js';

/** Settings with 20 items of 50 values fit many times over; anything larger is not from the page. */
const MAX_API_BODY = 64 * 1024;

/** Headers on every answer: the page runs only its own script and is never framed or cached. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Sends a whole answer with the security headers.
 *
 * @example
 * send(res, 200, 'text/html; charset=utf-8', PAGE_HTML);
 */
export function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/**
 * Sends a JSON answer.
 *
 * @example
 * sendJson(res, 200, settingsView(store.get()));
 */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

const refuse = (status: number, code: string, ko: string, en: string): RefusalError => new RefusalError(status, apiError(code, { ko, en }));

/**
 * Reads a JSON request body (at most 64 KB). Only `application/json` is accepted: another site's
 * page cannot send that type to this origin without a CORS preflight, which is never granted, so
 * it cannot change the settings or make the console sign requests for it.
 *
 * @example
 * const input = await readJson(req);
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw refuse(415, 'unsupported_type', 'JSON으로 보내야 합니다.', 'Send application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_API_BODY) throw refuse(413, 'too_large', '요청이 너무 큽니다.', 'The request is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw refuse(400, 'invalid_json', '올바른 JSON이 아닙니다.', 'The body is not valid JSON.');
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a request may use the API. `Host` must name this server when it listens on loopback
 * (a DNS-rebinding page reaches 127.0.0.1 under its own name), and a browser's `Origin`, when
 * sent, must be this server's own.
 *
 * @example
 * if (!sameOrigin(req, { port: 18090, loopback: true })) return sendJson(res, 403, { error: 'other origin' });
 */
export function sameOrigin(req: IncomingMessage, server: { port: number; loopback: boolean }): boolean {
  const host = req.headers.host ?? '';
  if (server.loopback) {
    const colon = host.lastIndexOf(':');
    const name = colon > 0 && !host.endsWith(']') ? host.slice(0, colon) : host;
    const port = colon > 0 && !host.endsWith(']') ? host.slice(colon + 1) : '80';
    if (!LOOPBACK_NAMES.has(name.toLowerCase()) && !/^127\.\d+\.\d+\.\d+$/.test(name)) return false;
    if (port !== String(server.port)) return false;
  }
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
