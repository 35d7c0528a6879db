import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskEmail } from '../pipeline/mask.js';
import { createFetchHandler } from './fetch.js';
import { demoEndpoint, type DemoEndpoint } from './test-utils/demo-endpoint.js';

let demo: DemoEndpoint;
let app: Hono;
beforeAll(async () => {
  demo = await demoEndpoint();
  const handle = createFetchHandler(demo.endpoint);
  app = new Hono();
  app.get('/hello', (c) => c.text('app route'));
  app.all('*', (c) => handle(c.req.raw));
});
afterAll(() => demo.close());

function post(body: BodyInit, headers: Record<string, string>, path = '/'): Promise<Response> {
  return Promise.resolve(
    app.fetch(new Request(`http://localhost${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit)),
  );
}

describe('createFetchHandler (in Hono)', () => {
  it('answers a signed lookup with the customer', async () => {
    const { body, headers } = demo.signed();
    const res = await post(body, headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((await res.json()).data).toMatchObject({
      email: maskEmail(demo.customer.email),
      gameCode: demo.customer.gameCode,
      cashReal: String(demo.customer.cashReal),
    });
  });

  it('answers a signed body sent with no Content-Type', async () => {
    const { body, headers } = demo.signed();
    const { 'content-type': _, ...untyped } = headers;
    const res = await post(new TextEncoder().encode(body), untyped);
    expect(res.status).toBe(200);
    expect((await res.json()).data).toMatchObject({ gameCode: demo.customer.gameCode });
  });

  it('refuses a bad signature with 403', async () => {
    const { body, headers } = demo.signed();
    const res = await post(body, { ...headers, 'x-tc-timestamp': String(Number(headers['x-tc-timestamp']) + 1) });
    expect(res.status).toBe(403);
  });

  it('refuses an oversized body with 413, declared or streamed', async () => {
    const big = demo.signed(JSON.stringify({ callNum: '1', pad: 'x'.repeat(20_000) }));
    expect((await post(big.body, big.headers)).status).toBe(413);
    const streamed = await post(new Blob([big.body]).stream(), big.headers);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe('BODY_TOO_LARGE');
  });

  it('serves ops paths and leaves the pipeline to answer unknown paths', async () => {
    expect(await (await app.fetch(new Request('http://localhost/hello'))).text()).toBe('app route');
    const { body, headers } = demo.signed();
    expect((await post(body, headers, '/elsewhere')).status).toBe(404);
  });

  it('serves ops paths to the private networks only, and to no one when the address is unknown', async () => {
    const from = (address: string | undefined) => createFetchHandler(demo.endpoint, { remoteAddress: () => address });
    const healthz = () => new Request('http://localhost/healthz');
    expect((await from('10.2.3.4')(healthz())).status).toBe(200);
    expect((await from('::1')(healthz())).status).toBe(200);
    const refused = await from('203.0.113.9')(healthz());
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('IP_NOT_ALLOWED');
    expect((await from(undefined)(healthz())).status).toBe(403);
  });

  it('takes the peer address per request from the framework, over options.remoteAddress', async () => {
    const handle = createFetchHandler(demo.endpoint, { remoteAddress: () => '10.0.0.1' });
    const healthz = () => new Request('http://localhost/healthz');
    expect((await handle(healthz(), { remoteAddress: '192.168.1.2' })).status).toBe(200);
    expect((await handle(healthz(), { remoteAddress: '203.0.113.9' })).status).toBe(403);
    expect((await handle(healthz(), {})).status).toBe(200);
  });

  it("serves Hono on node with one handler, the address from Hono's conn info", async () => {
    const handle = createFetchHandler(demo.endpoint);
    const onNode = new Hono();
    onNode.all('*', (c) => handle(c.req.raw, { remoteAddress: getConnInfo(c).remote.address }));
    const server = serve({ fetch: onNode.fetch, hostname: '127.0.0.1', port: 0 });
    try {
      await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
