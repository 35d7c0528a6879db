import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../client/check/run.js';
import { configValue, KEY, makeDatabase, startTestServer } from './harness.test.helper.js';

/**
 * custlink's own endpoint through custlink check, as a company would run it before go-live: every
 * probe of the protocol passes, and with `auth.replay` the replay probe does too.
 */
describe('custlink check against custlink serve', () => {
  const db = makeDatabase();
  afterAll(() => db.cleanup());
  const found = { callNum: '010-1234-5678' };
  const missing = { callNum: '010-9999-9999' };

  it('passes every probe; only the optional replay protection warns', async () => {
    const s = await startTestServer(configValue(db.file));
    try {
      const report = await runCheck({ url: s.url, key: KEY, found, missing });
      expect(report.probes.filter((p) => p.verdict !== 'pass').map((p) => `${p.id}:${p.verdict}`)).toEqual(['replay:warn']);
    } finally {
      await s.close();
    }
  });

  it('passes all 18 probes with auth.replay', async () => {
    const s = await startTestServer(configValue(db.file, { auth: { keys: [KEY], replay: { store: 'memory' } } }));
    try {
      const report = await runCheck({ url: s.url, key: KEY, found, missing });
      expect(report.summary).toEqual({ pass: 18, fail: 0, warn: 0, skip: 0 });
    } finally {
      await s.close();
    }
  });
});
