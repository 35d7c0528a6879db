import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { configValue, KEY, makeDatabase, startTestServer, type TestServer } from '../harness.test.helper.js';

const BODY = '{"callNum":"010-1234-5678"}';

function open(s: TestServer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(s.origin).port), '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A signed POST's head; the body follows separately. */
function head(s: TestServer, path = new URL(s.url).pathname, keepAlive = false): string {
  const signed = signRequest({ key: KEY, body: BODY });
  return [
    `POST ${path} HTTP/1.1`,
    'host: 127.0.0.1',
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(BODY)}`,
    `authorization: ${signed.authorization}`,
    `x-tc-timestamp: ${signed.timestamp}`,
    `connection: ${keepAlive ? 'keep-alive' : 'close'}`,
    '',
    '',
  ].join('\r\n');
}

/**
 * Writes `text` one byte every 200 ms until the server closes the connection; resolves with what
 * it answered and when it closed. Gives up after `giveUpMs` so a server that never closes fails fast.
 */
function trickle(socket: Socket, text: string, giveUpMs: number): Promise<{ answer: string; closedAfterMs: number }> {
  const started = Date.now();
  let answer = '';
  let i = 0;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (answer += chunk));
  socket.on('error', () => {});
  const timer = setInterval(() => {
    if (i < text.length && socket.writable) socket.write(text[i++]!);
  }, 200);
  const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
  return new Promise((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: Date.now() - started });
    }),
  );
}

function envelope(answer: string): { status: number; code: string | undefined } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  return { status, code: (JSON.parse(body || '{}') as { error?: { code: string } }).error?.code };
}

describe('limits.headersTimeoutMs and limits.bodyTimeoutMs', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());
  const limits = { headersTimeoutMs: 1_000, bodyTimeoutMs: 1_000 };

  it('answers 408 and closes a connection whose headers trickle in, within the deadline and a second', async () => {
    const s = await startTestServer(configValue(db.file, { limits }));
    try {
      const { answer, closedAfterMs } = await trickle(await open(s), head(s), 8_000);
      expect(envelope(answer)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT' });
      expect(closedAfterMs).toBeGreaterThanOrEqual(900);
      expect(closedAfterMs).toBeLessThan(2_000);
    } finally {
      await s.close();
    }
  });

  it('answers 408 and closes a connection whose body trickles in, within both deadlines and a second', async () => {
    const s = await startTestServer(configValue(db.file, { limits }));
    try {
      const socket = await open(s);
      socket.write(head(s));
      const { answer, closedAfterMs } = await trickle(socket, BODY, 8_000);
      expect(envelope(answer)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT' });
      expect(closedAfterMs).toBeGreaterThanOrEqual(1_900);
      expect(closedAfterMs).toBeLessThan(3_000);
    } finally {
      await s.close();
    }
  });
});

describe('limits.maxConnections', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('closes connections beyond the cap at once, while the open ones keep being answered', async () => {
    const s = await startTestServer(configValue(db.file, { limits: { maxConnections: 3 } }));
    const ask = (socket: Socket) =>
      new Promise<string>((resolve) => {
        let answer = '';
        const onData = (chunk: Buffer) => {
          answer += chunk.toString('utf8');
          if (answer.endsWith('}}')) {
            socket.off('data', onData);
            resolve(answer);
          }
        };
        socket.on('data', onData);
        socket.write(head(s, undefined, true) + BODY);
      });
    const held = [await open(s), await open(s), await open(s)];
    try {
      for (const socket of held) expect(envelope(await ask(socket)).status).toBe(200);
      const extra = await open(s);
      const refused = await trickle(extra, head(s) + BODY, 3_000);
      expect(refused.answer).toBe('');
      expect(refused.closedAfterMs).toBeLessThan(1_000);
      for (const socket of held) expect(envelope(await ask(socket)).status).toBe(200);
    } finally {
      for (const socket of held) socket.destroy();
      await s.close();
    }
  });
});
