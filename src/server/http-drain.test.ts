import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../protocol/sign.js';
import { configValue, KEY, makeDatabase, startTestServer } from './harness.test.helper.js';

const BODY = '{"callNum":"010-1234-5678"}';

interface Tally {
  answered: number;
  /** Answers that are not a proper envelope. */
  malformed: string[];
  /** Requests sent and lost: reset or hung up without an answer. */
  lost: string[];
  /** New connections refused once the server stopped accepting: nothing was sent. */
  refused: number;
  closeHeaders: number;
  /** Clients answered at least once: their connection is up, not waiting to be accepted. */
  connected: Set<number>;
}

/** One signed POST on the agent; resolves with the outcome, never rejects. */
function post(url: string, agent: Agent): Promise<{ status: number; body: string; connection: string | undefined } | NodeJS.ErrnoException> {
  const signed = signRequest({ key: KEY, body: BODY });
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: signed.authorization, 'x-tc-timestamp': signed.timestamp } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      res.on('error', resolve);
    });
    req.on('error', resolve);
    req.end(BODY);
  });
}

/** `clients` keep-alive connections, each sending its next request as soon as one is answered. */
function loop(url: string, clients: number, tally: Tally): { agent: Agent; done: Promise<void> } {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const client = async (_: unknown, id: number): Promise<void> => {
    for (;;) {
      const outcome = await post(url, agent);
      if (outcome instanceof Error) {
        if (outcome.code === 'ECONNREFUSED') return void tally.refused++;
        tally.lost.push(`${outcome.code ?? ''} ${outcome.message}`);
        return;
      }
      tally.answered++;
      tally.connected.add(id);
      if (outcome.connection === 'close') tally.closeHeaders++;
      const json = JSON.parse(outcome.body) as { data?: unknown };
      if (outcome.status !== 200 || json.data === undefined) tally.malformed.push(outcome.body);
    }
  };
  return { agent, done: Promise.all(Array.from({ length: clients }, client)).then(() => undefined) };
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !condition(); ) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('close(): draining keep-alive connections', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('answers every request sent on 50 looping keep-alive connections, with Connection: close, and resets none', async () => {
    const s = await startTestServer(configValue(db.file, { log: { level: 'warn' } }));
    const tally: Tally = { answered: 0, malformed: [], lost: [], refused: 0, closeHeaders: 0, connected: new Set() };
    const { agent, done } = loop(s.url, 50, tally);
    try {
      await until(() => tally.answered >= 500 && tally.connected.size === 50);
      await s.close();
      await done;
    } finally {
      agent.destroy();
    }
    expect(tally.lost).toEqual([]);
    expect(tally.malformed).toEqual([]);
    // Each connection was told to close with an answer (or closed idle), then refused anew.
    expect(tally.refused).toBe(50);
    expect(tally.closeHeaders).toBeGreaterThan(0);
  });

  it('answers a request sent on an idle connection during the grace, and closes idle ones after limits.drainIdleMs', async () => {
    const s = await startTestServer(configValue(db.file, { log: { level: 'warn' }, limits: { drainIdleMs: 500 } }));
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    try {
      // Two idle keep-alive connections.
      await Promise.all([post(s.url, agent), post(s.url, agent)]);
      const started = Date.now();
      const closing = s.close();
      const during = await post(s.url, agent);
      expect(during).toMatchObject({ status: 200, connection: 'close' });
      await closing;
      // The other connection was closed once idle past the grace, not after the 10 s cap.
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    } finally {
      agent.destroy();
    }
  });
});
