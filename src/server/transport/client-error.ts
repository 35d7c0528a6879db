import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Refusal } from '../pipeline/responses.js';

/* Answers for requests node:http refuses before the pipeline sees them. Node's own answers have
 * no body; these carry the protocol's error envelope, so a client always gets one. */

const REQUEST_TIMEOUT = raw(new Refusal('REQUEST_TIMEOUT', 'the request did not arrive in time (limits.headersTimeoutMs, limits.bodyTimeoutMs)'));
const HEADERS_TOO_LARGE = raw(new Refusal('HEADERS_TOO_LARGE', 'the request headers are too large'));
const MALFORMED_HTTP = raw(new Refusal('MALFORMED_HTTP', 'the request is not well-formed HTTP/1.1'));
const CHUNK_EXTENSIONS_TOO_LARGE = raw(new Refusal('BODY_TOO_LARGE', 'the chunk extensions are too large'));

/**
 * The server's `clientError` listener: a request that did not arrive within the limits gets 408,
 * headers beyond node's cap 431, oversized chunk extensions 413, unparseable HTTP 400, each as an envelope; then the connection
 * closes. Nothing is written once an answer has started on the connection, nor to a client
 * that is gone.
 *
 * @example
 * server.on('clientError', answerClientError);
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code !== 'ECONNRESET' && socket.writable && inFlight?.headersSent !== true) socket.write(answerFor(error.code));
  socket.destroy();
}

function answerFor(code: string | undefined): string {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return REQUEST_TIMEOUT;
  if (code === 'HPE_HEADER_OVERFLOW') return HEADERS_TOO_LARGE;
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return CHUNK_EXTENSIONS_TOO_LARGE;
  return MALFORMED_HTTP;
}

/** The whole HTTP/1.1 response, written straight to the socket since there is no response object. */
function raw(refusal: Refusal): string {
  const { status, body } = refusal;
  const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
  return head + body;
}
