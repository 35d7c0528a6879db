import { createServer } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { custlinkExpress } from './express.js';
import { demoEndpoint, type DemoEndpoint } from './test-utils/demo-endpoint.js';
import { listen } from './test-utils/listen.js';

let demo: DemoEndpoint;
beforeAll(async () => {
  demo = await demoEndpoint();
});
afterAll(() => demo.close());

async function serve(app: express.Express) {
  return listen(createServer(app));
}

describe('custlinkExpress', () => {
  it('leaves the paths that are not the endpoint’s to the app', async () => {
    const app = express();
    app.use(custlinkExpress(demo.endpoint));
    app.get('/hello', (_req, res) => {
      res.send('app route');
    });
    const server = await serve(app);
    try {
      expect(await (await fetch(`${server.url}/hello`)).text()).toBe('app route');
    } finally {
      await server.close();
    }
  });

  it('answers a signed body sent with no Content-Type, even behind express.json()', async () => {
    const app = express();
    // express.json() leaves a body without a JSON type unread, so the signed bytes are still there.
    app.use(express.json());
    app.use(custlinkExpress(demo.endpoint));
    const server = await serve(app);
    try {
      const { body, headers } = demo.signed();
      const { 'content-type': _, ...untyped } = headers;
      const res = await fetch(`${server.url}/`, { method: 'POST', body: new TextEncoder().encode(body), headers: untyped });
      expect(res.status).toBe(200);
      expect((await res.json()).data).toMatchObject({ id: demo.customer.memberId });
    } finally {
      await server.close();
    }
  });

  it('explains, instead of hanging, when express.json() has already read the body', async () => {
    const logger = { error: vi.fn() };
    const app = express();
    app.use(express.json());
    app.use(custlinkExpress(demo.endpoint, { logger }));
    const server = await serve(app);
    try {
      const { body, headers } = demo.signed();
      const res = await fetch(`${server.url}/`, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
      expect(res.status).toBe(500);
      const { error } = await res.json();
      expect(error.code).toBe('BODY_ALREADY_PARSED');
      expect(error.message).toContain('express.json()');
      expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ path: '/' }), expect.stringContaining('raw request body'));
    } finally {
      await server.close();
    }
  });

  it('takes the raw bytes a body parser kept in req.rawBody (the verify hook, NestJS rawBody: true)', async () => {
    const app = express();
    app.use(express.json({ verify: (req, _res, buf) => void ((req as { rawBody?: Buffer }).rawBody = buf) }));
    app.use(custlinkExpress(demo.endpoint));
    const server = await serve(app);
    try {
      const { body, headers } = demo.signed();
      const res = await fetch(`${server.url}/`, { method: 'POST', body, headers });
      expect(res.status).toBe(200);
      expect((await res.json()).data.gameCode).toBe(demo.customer.gameCode);
      const tampered = await fetch(`${server.url}/`, { method: 'POST', body: body.replace('}', ' }'), headers });
      expect((await tampered.json()).error.code).toBe('BAD_SIGNATURE');
    } finally {
      await server.close();
    }
  });

  it('is found under a mount prefix when listen.path is the full path', async () => {
    const app = express();
    const endpoint = { ...demo.endpoint, paths: { api: ['/oc/customer'], ops: [] } };
    app.use('/oc', custlinkExpress(endpoint));
    const server = await serve(app);
    try {
      const { body, headers } = demo.signed();
      const seen: string[] = [];
      endpoint.handle = async (request) => {
        seen.push(request.path);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data":{}}' };
      };
      const res = await fetch(`${server.url}/oc/customer?x=1`, { method: 'POST', body, headers });
      expect(res.status).toBe(200);
      expect(seen).toEqual(['/oc/customer']);
    } finally {
      await server.close();
    }
  });
});
