import { Agent } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { configValue, makeDatabase, startTestServer } from '../harness.test.helper.js';
import { post, stopUnderLoad } from './keep-alive-load.test.helper.js';

describe('close(): draining keep-alive connections', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('answers every request sent on 50 looping keep-alive connections, with Connection: close, and resets none', async () => {
    const s = await startTestServer(configValue(db.file, { log: { level: 'warn' } }));
    const tally = await stopUnderLoad(s.url, 50, () => s.close());
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
