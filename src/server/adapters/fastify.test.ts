import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { custlinkFastify } from './fastify.js';
import { demoEndpoint, type DemoEndpoint } from './test-utils/demo-endpoint.js';

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
  it('answers a signed lookup with the customer', async () => {
    await start();
    const { body, headers } = demo.signed();
    const res = await fetch(`${url}/`, { method: 'POST', body, headers });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toMatchObject({ id: demo.customer.memberId, userNo: String(demo.customer.userNo) });
  });

  it('refuses a bad signature with 403', async () => {
    await start();
    const { body, headers } = demo.signed();
    const res = await fetch(`${url}/`, { method: 'POST', body, headers: { ...headers, authorization: 'A'.repeat(43) + '=' } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('BAD_SIGNATURE');
  });

  it('lets the pipeline answer 413 and 415, even past Fastify’s own body limit, and take a body with no Content-Type', async () => {
    await start();
    const big = demo.signed(JSON.stringify({ callNum: '1', pad: 'x'.repeat(2_000_000) }));
    const tooLarge = await fetch(`${url}/`, { method: 'POST', body: big.body, headers: big.headers });
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error.code).toBe('BODY_TOO_LARGE');

    const { body, headers } = demo.signed();
    const form = await fetch(`${url}/`, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const { 'content-type': _, ...untyped } = headers;
    const none = await fetch(`${url}/`, { method: 'POST', body: new TextEncoder().encode(body), headers: untyped });
    expect(none.status).toBe(200);
  });

  it('keeps its raw-body parser to itself and serves the ops paths', async () => {
    await start();
    const echo = await fetch(`${url}/echo`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(await echo.json()).toEqual({ parsed: { a: 1 } });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const wrongMethod = await fetch(`${url}/`, { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
  });
});
