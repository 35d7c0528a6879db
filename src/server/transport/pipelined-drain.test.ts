import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { configValue, KEY, makeDatabase, startTestServer, type TestServer } from '../harness.test.helper.js';

const BODY = '{"callNum":"010-1234-5678"}';
const CONNECTIONS = 30;
const PIPELINED = 6;

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A signed keep-alive POST, head and body, as a client pipelining it writes it. */
function signedPost(path: string): string {
  const signed = signRequest({ key: KEY, body: BODY });
  return [
    `POST ${path} HTTP/1.1`,
    'host: 127.0.0.1',
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(BODY)}`,
    `authorization: ${signed.authorization}`,
    `x-tc-timestamp: ${signed.timestamp}`,
    '',
    BODY,
  ].join('\r\n');
}

interface Parsed {
  status: number;
  connection: string | undefined;
  body: string;
}

/** The complete HTTP responses in `bytes`, in order; a truncated last one is left out. */
function responses(bytes: Buffer): Parsed[] {
  const found: Parsed[] = [];
  let at = 0;
  for (;;) {
    const end = bytes.indexOf('\r\n\r\n', at);
    if (end < 0) return found;
    const head = bytes.subarray(at, end).toString('latin1');
    const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? NaN);
    if (!Number.isFinite(length) || end + 4 + length > bytes.length) return found;
    found.push({
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
      connection: /^connection:\s*(.*)$/im.exec(head)?.[1]?.trim().toLowerCase(),
      body: bytes.subarray(end + 4, end + 4 + length).toString('utf8'),
    });
    at = end + 4 + length;
  }
}

/** Everything the server sends on `socket` until it closes the connection. */
function untilClosed(socket: Socket): Promise<Buffer> {
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.on('error', () => {});
  return new Promise((resolve) => socket.once('close', () => resolve(Buffer.concat(received))));
}

/** One request and its answer on a kept-alive connection: the server has accepted it. */
function warmUp(socket: Socket, path: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      seen = Buffer.concat([seen, chunk]);
      if (responses(seen).length === 1) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
    socket.write(signedPost(path));
  });
}

const requestLines = (s: TestServer): number => s.records().filter((r) => r.msg === 'request').length;

describe('close(): pipelined requests', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it(`answers all ${PIPELINED} requests pipelined on each of ${CONNECTIONS} connections when closed (SIGTERM) right after they are sent`, async () => {
    const s = await startTestServer(configValue(db.file));
    const port = Number(new URL(s.origin).port);
    const path = new URL(s.url).pathname;
    const sockets = await Promise.all(Array.from({ length: CONNECTIONS }, () => open(port)));
    try {
      await Promise.all(sockets.map((socket) => warmUp(socket, path)));
      const logged = requestLines(s);
      const received = sockets.map(untilClosed);
      // All six at once on each connection, then the stop, as `custlink serve` meets SIGTERM.
      for (const socket of sockets) socket.write(Array.from({ length: PIPELINED }, () => signedPost(path)).join(''));
      await s.close();
      const answers = (await Promise.all(received)).map(responses);

      expect(answers.map((a) => a.length)).toEqual(sockets.map(() => PIPELINED));
      for (const answered of answers) {
        expect(answered.every((a) => a.status === 200 && a.body.startsWith('{"data":'))).toBe(true);
        // Only the last answer tells the client to close: the others kept the connection for it.
        expect(answered.at(-1)!.connection).toBe('close');
        expect(answered.slice(0, -1).every((a) => a.connection !== 'close')).toBe(true);
      }
      // The log records exactly the answers written, no more.
      expect(requestLines(s) - logged).toBe(CONNECTIONS * PIPELINED);
    } finally {
      for (const socket of sockets) socket.destroy();
      await s.close();
    }
  });
});
