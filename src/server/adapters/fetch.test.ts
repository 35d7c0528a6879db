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
});
