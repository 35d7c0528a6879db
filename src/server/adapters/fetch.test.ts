import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHandler } from './fetch.js';
import { demoEndpoint, type DemoEndpoint } from './test-utils/demo-endpoint.js';

// What every transport answers alike is in conformance.test.ts; here, the handler's own option.
let demo: DemoEndpoint;
beforeAll(async () => {
  demo = await demoEndpoint();
});
afterAll(() => demo.close());

describe('createFetchHandler', () => {
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
