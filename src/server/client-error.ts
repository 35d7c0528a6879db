import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/*
 * What node:http's HTTP parser refuses never reaches the pipeline. Node answers it with an empty
 * body, which the helpdesk (and `custlink check`) cannot read as the protocol's envelope; these
 * are the same refusals with one.
 */
const MALFORMED = answer(400, 'Bad Request', 'MALFORMED_HTTP', 'the request is not well-formed HTTP/1.1');
const BY_PARSER_CODE: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: answer(431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'the request headers are too large'),
  HPE_CHUNK_EXTENSIONS_OVERFLOW: answer(413, 'Payload Too Large', 'BODY_TOO_LARGE', 'the chunk extensions are too large'),
  ERR_HTTP_REQUEST_TIMEOUT: answer(408, 'Request Timeout', 'REQUEST_TIMEOUT', 'the request did not arrive in time'),
};

function answer(status: number, reason: string, code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message, detail: null } });
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/**
 * node:http's `clientError` listener: the refusal as a protocol envelope, then the connection
 * closes, as Node's own default does. Nothing is written once a response has begun on the socket.
 *
 * @example
 * server.on('clientError', answerClientError);
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const s = socket as Socket;
  if (s.writable && s.bytesWritten === 0) s.write(BY_PARSER_CODE[error.code ?? ''] ?? MALFORMED);
  s.destroy();
}
