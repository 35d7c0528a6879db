import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { custlinkFastify } from './fastify.js';
import { demoEndpoint, type DemoEndpoint } from './test-utils/demo-endpoint.js';

// What every transport answers alike is in conformance.test.ts; here, what only Fastify decides.
let demo: DemoEndpoint;
let app: FastifyInstance;
let url: string;
beforeAll(async () => {
  demo = await demoEndpoint();
});
afterAll(() => demo.close());

async function start() {
  app = Fastify();
  await app.register(custlinkFastify, { endpoint: demo.endpoint });
  // The app's own JSON route, outside the plugin's scope, keeps Fastify's usual parsing.
  app.post('/echo', async (request) => ({ parsed: request.body }));
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}
afterEach(() => app?.close());

describe('custlinkFastify', () => {
  it('lets the pipeline answer 413 even past Fastify’s own body limit', async () => {
    await start();
    const big = demo.signed(JSON.stringify({ callNum: '1', pad: 'x'.repeat(2_000_000) }));
    const tooLarge = await fetch(`${url}/`, { method: 'POST', body: big.body, headers: big.headers });
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error.code).toBe('BODY_TOO_LARGE');
  });

  it('keeps its raw-body parser to itself', async () => {
    await start();
    const echo = await fetch(`${url}/echo`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(await echo.json()).toEqual({ parsed: { a: 1 } });
  });

  it('serves the API path with one trailing slash more, in an app with or without ignoreTrailingSlash', async () => {
    const endpoint = { paths: { api: ['/oc'], ops: [] }, handle: async () => ({ status: 200, headers: {}, body: 'ok' }) };
    for (const ignoreTrailingSlash of [false, true]) {
      const own = Fastify({ routerOptions: { ignoreTrailingSlash } });
      await own.register(custlinkFastify, { endpoint, ops: false });
      const answers = await Promise.all(['/oc', '/oc/'].map(async (path) => (await own.inject({ method: 'POST', url: path, payload: '{}' })).statusCode));
      expect(answers).toEqual([200, 200]);
      await own.close();
    }
  });
});
