/** The shared setup of the console's lookup tests: a real endpoint, a console and recording endpoints. */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startServer as startRecorder, type TestServer as Recorder } from '../../client/test-utils/servers.js';
import type { ApiError, ApiLookupView, ApiSetting } from '../types.js';
import { startTestConsole, type ConsoleUnderTest } from './console.js';
import { startConsoleEndpoint, type ConsoleTestEndpoint } from './endpoint.js';

/** What `useLookupConsole` sets up; `endpoint` and `c` are there once `beforeAll` has run. */
export interface LookupConsole {
  /** The real custlink endpoint of `startConsoleEndpoint`. */
  endpoint: ConsoleTestEndpoint;
  /** The console under test. */
  c: ConsoleUnderTest;
  /** Saves `api` as the only API, then looks up `values` through the console's API. */
  lookupWith(api: ApiSetting, values: Record<string, unknown>): Promise<{ status: number; text: string; json: ApiLookupView & ApiError }>;
  /** An endpoint that records each request and answers with the given status and body; closed after each test. */
  recorder(status?: number, body?: string, type?: string): Promise<Recorder>;
}

/**
 * Registers hooks that start the endpoint and the console for the file (closed after all) and
 * close the test's recorders after each test.
 *
 * @example
 * const t = useLookupConsole();
 * it('...', async () => { const { json } = await t.lookupWith(apiSettings(t.endpoint.url), { callNum: HONG.phone }); });
 */
export function useLookupConsole(): LookupConsole {
  const recorders: Recorder[] = [];
  const t = {
    async lookupWith(api: ApiSetting, values: Record<string, unknown>) {
      expect((await t.c.call('PUT', '/api/settings', { apis: [api] })).status).toBe(200);
      return t.c.call<ApiLookupView & ApiError>('POST', '/api/lookup', { api: api.id, values });
    },
    async recorder(status = 200, body = '{"data":{"userName":"x"}}', type = 'application/json'): Promise<Recorder> {
      const r = await startRecorder((_req, res) => res.writeHead(status, { 'content-type': type }).end(body));
      recorders.push(r);
      return r;
    },
  } as LookupConsole;
  beforeAll(async () => {
    t.endpoint = await startConsoleEndpoint();
    t.c = await startTestConsole();
  });
  afterAll(async () => {
    await t.c.close();
    await t.endpoint.cleanup();
  });
  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.close()));
  });
  return t;
}
