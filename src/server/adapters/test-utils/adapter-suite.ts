/** The tests every transport shares: one table of requests, and `custlink check`, through a real endpoint. */
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../client/check/run.js';
import { parseConfig } from '../../config/parse.js';
import { configValue, KEY, makeDatabase } from '../../harness.test.helper.js';
import { ADAPTER_CASES, FOUND, SERVERS, type AdapterCase, type ServerName } from './adapter-cases.js';
import { send, type Answered } from './exchange.js';
import type { Served, Transport } from './transports.js';

export type { Transport } from './transports.js';

/**
 * Registers '<name> transport': every case of `ADAPTER_CASES` and `custlink check` (all 18
 * probes) against `transport`, each config served once on first use and closed after the block.
 *
 * @example
 * for (const transport of TRANSPORTS) adapterSuite(transport);
 */
export function adapterSuite(transport: Transport): void {
  describe(`${transport.name} transport`, () => {
    const db = makeDatabase();
    const served = new Map<ServerName, Promise<Served>>();
    const origin = async (name: ServerName) => {
      if (!served.has(name)) served.set(name, transport.serve(parseConfig(configValue(db.file, SERVERS[name]), { env: {} })));
      return (await served.get(name)!).origin;
    };
    afterAll(async () => {
      await Promise.all([...served.values()].map(async (s) => (await s).close()));
      db.cleanup();
    });

    it.each(ADAPTER_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const answer = await send(await origin(c.server ?? 'plain'), c.exchange);
      if (c.appsPath && !transport.ownsEveryPath) {
        // The app behind the middleware answers a path that is not the endpoint's.
        expect(answer.status).toBe(404);
        expect(answer.json.error?.code).toBeUndefined();
        return;
      }
      expectAnswer(answer, c);
      if (c.exchange.expectContinue) {
        // Only a transport that holds the go-ahead back can refuse before the body is sent.
        const withheld = transport.withholdsBody && c.status !== 200;
        expect(answer.continued).toBe(!withheld);
        if (withheld) expect(answer.headers.connection).toBe('close');
      }
    });

    it('passes all 18 probes of custlink check', async () => {
      const report = await runCheck({ url: `${await origin('replay')}/lookup`, key: KEY, found: JSON.parse(FOUND), missing: { callNum: '010-9999-9999' } });
      expect(report.probes.filter((p) => p.verdict !== 'pass').map((p) => `${p.id}: ${p.got}`)).toEqual([]);
      expect(report.summary).toEqual({ pass: 18, fail: 0, warn: 0, skip: 0 });
    });
  });
}

function expectAnswer(answer: Answered, c: AdapterCase): void {
  expect(answer.status).toBe(c.status);
  expect(answer.json.error?.code).toBe(c.code);
  // The protocol's envelope: a code and a message, never a stack trace or a framework's page.
  if (c.code !== undefined) expect(answer.json.error?.message).toEqual(expect.any(String));
  if (c.json !== undefined) expect(answer.json).toMatchObject(c.json);
  if (c.text !== undefined) expect(answer.text).toMatch(c.text);
  for (const [name, value] of Object.entries(c.headers ?? {})) expect(answer.headers[name]).toBe(value);
}
