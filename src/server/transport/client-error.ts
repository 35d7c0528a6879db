import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type pino from 'pino';
import { Refusal } from '../vocabulary/responses.js';
import { requestId } from '../routing/request-id.js';
import type { EndpointRequest, EndpointResponse, Handler } from '../types.js';

/* Answers for requests node:http refuses before the pipeline sees them. Node's own answers have
 * no body; these carry the protocol's error envelope, so a client always gets one. */

const REQUEST_TIMEOUT = new Refusal('REQUEST_TIMEOUT', 'the request did not arrive in time (limits.headersTimeoutMs, limits.bodyTimeoutMs)');
const HEADERS_TOO_LARGE = new Refusal('HEADERS_TOO_LARGE', 'the request headers are too large');
const MALFORMED_HTTP = new Refusal('MALFORMED_HTTP', 'the request is not well-formed HTTP/1.1');
const CHUNK_EXTENSIONS_TOO_LARGE = new Refusal('BODY_TOO_LARGE', 'the chunk extensions are too large');

/**
 * The server's `clientError` listener: a request that did not arrive within the limits gets 408,
 * headers beyond node's cap 431, oversized chunk extensions 413, unparseable HTTP 400, each as an
 * envelope with a new `X-Request-Id`, logged like any answered request (the parser gave no method
 * or path); then the connection closes. Nothing is written once an answer has started on the
 * connection, nor to a client that is gone.
 *
 * @example
 * server.on('clientError', clientErrorListener(() => endpoint.logger));
 */
export function clientErrorListener(logger: () => pino.Logger): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  return (error, socket) => {
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (error.code !== 'ECONNRESET' && socket.writable && inFlight?.headersSent !== true) {
      const refusal = refusalFor(error.code);
      const reqId = requestId(undefined);
      const { response } = refusal;
      response.headers['x-request-id'] = reqId;
      socket.write(raw(response));
      const ip = (socket as Duplex & { remoteAddress?: string }).remoteAddress;
      logger().info({ reqId, status: refusal.status, code: refusal.code, ip }, 'request');
    }
    socket.destroy();
  };
}

/**
 * The server's `connect` listener: node:http hands a `CONNECT` request (a proxy tunnel) to this
 * event instead of the request handler, and without a listener just closes the connection, so
 * it would get no answer, no request id and no log line. It goes to `handle` like any request:
 * an address outside `allowIps` gets 403 and learns nothing more, any other a 404 for a target
 * of no API (logged as a path is, by length and hash: a `host:port` the client chose); then the
 * connection closes, since nothing after a CONNECT is HTTP.
 *
 * @example
 * server.on('connect', connectListener((request) => endpoint.handle(request)));
 */
export function connectListener(handle: Handler): (req: IncomingMessage, socket: Duplex) => void {
  return (req, socket) => {
    const request: EndpointRequest = {
      method: 'CONNECT',
      path: req.url ?? '',
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
      // Refused before a body is read; a tunnel has none anyway.
      readBody: () => Promise.resolve(new Uint8Array(0)),
    };
    handle(request)
      .then((response) => {
        if (socket.writable) socket.write(raw(response));
      })
      .catch(() => {})
      .finally(() => socket.destroy());
  };
}

function refusalFor(code: string | undefined): Refusal {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return REQUEST_TIMEOUT;
  if (code === 'HPE_HEADER_OVERFLOW') return HEADERS_TOO_LARGE;
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return CHUNK_EXTENSIONS_TOO_LARGE;
  return MALFORMED_HTTP;
}

/** The whole HTTP/1.1 response, written straight to the socket since there is no response object. */
function raw({ status, headers, body }: EndpointResponse): string {
  const lines = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
