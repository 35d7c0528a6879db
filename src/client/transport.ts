import http, { type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { describeNetworkError } from './network-error.js';

/** The most of a response body that is kept; a misbehaving endpoint cannot fill memory. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface RawResponse {
  /** 0 when no complete HTTP answer arrived in time. */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
  /** Set when the exchange did not end normally (no answer, timeout, body cut). */
  cause?: string;
}

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  ca?: string | Buffer | Array<string | Buffer>;
}

/**
 * POSTs bytes exactly as given and resolves with what came back; never rejects. The timeout
 * covers the whole exchange and destroys the socket, so a server that never answers cannot hang
 * the caller. An answer that arrives before the body is fully written (an early 413, say) is
 * kept even when the write then fails with EPIPE or ECONNRESET.
 *
 * @example
 * const res = await post(new URL('http://127.0.0.1:8080/'), Buffer.from('{}'), { headers: {}, timeoutMs: 5000 });
 * res.status // 403
 */
export function post(url: URL, body: Uint8Array, options: PostOptions): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve) => {
    let req: ClientRequest | undefined;
    let response: IncomingMessage | undefined;
    let settled = false;
    let received = 0;
    const chunks: Buffer[] = [];

    const finish = (status: number, cause?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        status,
        headers: flattenHeaders(response?.headers),
        body: Buffer.concat(chunks),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(cause === undefined ? {} : { cause }),
      });
      // A fresh connection per request (agent: false), so nothing pooled outlives the result.
      req?.destroy();
    };

    const timer = setTimeout(() => {
      const partial = response ? ` (HTTP ${response.statusCode} arrived, its body did not end)` : '';
      response = undefined;
      finish(0, `timed out after ${options.timeoutMs} ms${partial}`);
    }, options.timeoutMs);

    const onResponse = (res: IncomingMessage): void => {
      response = res;
      const status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => {
        if (received + chunk.length > MAX_RESPONSE_BYTES) {
          chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - received));
          finish(status, `response body is larger than ${MAX_RESPONSE_BYTES} bytes (cut)`);
          return;
        }
        received += chunk.length;
        chunks.push(chunk);
      });
      res.on('end', () => finish(status));
      // Without 'end' the connection went away mid-body; the status line still counts.
      res.on('close', () => finish(status, 'connection closed before the response body ended'));
      res.on('error', () => undefined);
    };

    const request = url.protocol === 'https:' ? https.request : http.request;
    const tls = options.ca === undefined ? {} : { ca: options.ca };
    try {
      req = request(url, { method: 'POST', headers: options.headers, agent: false, ...tls }, onResponse);
    } catch (error) {
      // Node refuses some header values (control characters) before any byte is sent.
      finish(0, `request not sent: ${(error as Error).message}`);
      return;
    }
    req.on('error', (error) => {
      // After an answer, a write error only means the server stopped reading our body early.
      if (response) return;
      finish(0, describeNetworkError(error, url));
    });
    req.end(body);
  });
}

function flattenHeaders(headers: IncomingHttpHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
