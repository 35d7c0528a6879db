import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import pino from 'pino';
import type { EndpointConfig } from '../../config/types.js';
import { createEndpoint, type Endpoint } from '../../endpoint.js';
import { startServer } from '../../transport/http.js';
import { custlinkExpress } from '../express.js';
import { custlinkFastify } from '../fastify.js';
import { createFetchHandler } from '../fetch.js';
import { listen } from './listen.js';

/** Where a transport serves an endpoint: its paths answer under `origin`. */
export interface Served {
  origin: string;
  close(): Promise<void>;
}

/** One way of putting the endpoint on the network, and what that way decides for itself. */
export interface Transport {
  name: string;
  serve(config: EndpointConfig): Promise<Served>;
  /**
   * Every path reaches the endpoint (a path of neither is its 404 UNKNOWN_PATH). A middleware or
   * plugin hands other paths to the app instead, whose own 404 answers them.
   */
  ownsEveryPath: boolean;
  /** `Expect: 100-continue` waits for the header checks (node:http's checkContinue): a refused body is never sent. */
  withholdsBody: boolean;
}

const silent = () => pino({ level: 'silent' });

/** An endpoint with a server in front of it, closed together. */
async function fronted(config: EndpointConfig, start: (endpoint: Endpoint) => Promise<Served>): Promise<Served> {
  const endpoint = await createEndpoint(config, { logger: silent() });
  const served = await start(endpoint);
  return { origin: served.origin, close: () => served.close().finally(() => endpoint.close()) };
}

const nodeHttp: Transport = {
  name: 'node:http (serve)',
  ownsEveryPath: true,
  withholdsBody: true,
  async serve(config) {
    const server = await startServer(config, { logger: silent(), drainMs: 1_000 });
    return { origin: new URL(server.url).origin, close: () => server.close() };
  },
};

const expressApp: Transport = {
  name: 'Express',
  ownsEveryPath: false,
  withholdsBody: false,
  serve: (config) =>
    fronted(config, async (endpoint) => {
      const app = express();
      app.use(custlinkExpress(endpoint));
      const { url, close } = await listen(createServer(app));
      return { origin: url, close };
    }),
};

const fastifyApp: Transport = {
  name: 'Fastify',
  ownsEveryPath: false,
  withholdsBody: false,
  serve: (config) =>
    fronted(config, async (endpoint) => {
      const app = Fastify();
      await app.register(custlinkFastify, { endpoint });
      const origin = await app.listen({ port: 0, host: '127.0.0.1' });
      return { origin, close: () => app.close() };
    }),
};

const fetchHandler: Transport = {
  name: 'fetch (Hono on @hono/node-server)',
  ownsEveryPath: true,
  withholdsBody: false,
  serve: (config) =>
    fronted(config, async (endpoint) => {
      // A Request carries no peer address: Hono's getConnInfo gives it, as its docs show.
      const peers = new WeakMap<Request, string | undefined>();
      const handle = createFetchHandler(endpoint, { remoteAddress: (request) => peers.get(request) });
      const app = new Hono();
      app.all('*', (c) => {
        peers.set(c.req.raw, getConnInfo(c).remote.address);
        return handle(c.req.raw);
      });
      let server: ReturnType<typeof serve> | undefined;
      const port = await new Promise<number>((resolve) => {
        server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
      });
      return {
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            if (server !== undefined && 'closeAllConnections' in server) server.closeAllConnections();
            server?.close(() => resolve());
          }),
      };
    }),
};

/** node:http, Express, Fastify and the fetch handler: the transports every adapter case runs on. */
export const TRANSPORTS: readonly Transport[] = [nodeHttp, expressApp, fastifyApp, fetchHandler];
