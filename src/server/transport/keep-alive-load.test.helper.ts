/** A keep-alive load for the drain tests: many clients looping signed requests, counting losses. */
import { Agent, request } from 'node:http';
import { signRequest } from '../../protocol/sign.js';
import { KEY } from '../harness.test.helper.js';

const BODY = '{"callNum":"010-1234-5678"}';

export interface Tally {
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
export function post(url: string, agent: Agent): Promise<{ status: number; body: string; connection: string | undefined } | NodeJS.ErrnoException> {
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

/**
 * `clients` keep-alive connections, each sending its next signed request as soon as one is
 * answered, until its connection is refused (the server stopped) or lost.
 *
 * @example
 * const { tally, agent, done } = keepAliveLoad(server.url, 50);
 */
function keepAliveLoad(url: string, clients: number): { tally: Tally; agent: Agent; done: Promise<void> } {
  const tally: Tally = { answered: 0, malformed: [], lost: [], refused: 0, closeHeaders: 0, connected: new Set() };
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
  return { tally, agent, done: Promise.all(Array.from({ length: clients }, client)).then(() => undefined) };
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !condition(); ) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}


/**
 * Loads `url` with `clients` looping keep-alive clients until every one is connected and 500
 * requests are answered, calls `stop` (the server's close, a SIGTERM), and returns the tally
 * once every client has ended.
 *
 * @example
 * const tally = await stopUnderLoad(server.url, 50, () => server.close());
 * expect(tally.lost).toEqual([]);
 */
export async function stopUnderLoad(url: string, clients: number, stop: () => Promise<unknown>): Promise<Tally> {
  const { tally, agent, done } = keepAliveLoad(url, clients);
  try {
    await until(() => tally.answered >= 500 && tally.connected.size === clients, 20_000);
    await stop();
    await done;
  } finally {
    agent.destroy();
  }
  return tally;
}
