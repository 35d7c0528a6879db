import { afterAll, describe, expect, it, vi } from 'vitest';
import { signRequest } from '../../protocol/sign.js';
import { parseConfig } from '../config/parse.js';
import { createEndpoint } from '../endpoint.js';
import { configValue, KEY, makeDatabase } from '../harness.test.helper.js';

describe('the timestamp window', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());

  it('is judged once, at the headers: a body that arrives after the window still verifies', async () => {
    const endpoint = await createEndpoint(parseConfig(configValue(db.file), { env: {} }));
    const body = JSON.stringify({ callNum: '010-1234-5678' });
    const signedAt = 1_763_800_000_000;
    const { authorization, timestamp } = signRequest({ key: KEY, body, timestamp: String(signedAt) });
    // The headers are read at the signing time; the body an hour later (slow client, long read).
    const now = vi.spyOn(Date, 'now').mockReturnValue(signedAt);
    const bytes = Buffer.from(body);
    try {
      const response = await endpoint.handle({
        method: 'POST',
        path: '/lookup',
        remoteAddress: '127.0.0.1',
        headers: { authorization, 'x-tc-timestamp': timestamp, 'content-type': 'application/json', 'content-length': String(bytes.length) },
        readBody: () => {
          now.mockReturnValue(signedAt + 3_600_000);
          return Promise.resolve(bytes);
        },
      });
      expect(response.status).toBe(200);
    } finally {
      now.mockRestore();
      await endpoint.close();
    }
  });
});
