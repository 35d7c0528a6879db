import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientIp } from '../client-ip.js';
import { OPS_PATHS } from '../config/types.js';
import { NodeRequest } from '../node-request.js';
import type { AdapterEndpoint } from './endpoint.js';
import { pathOf } from './path.js';

export interface FastifyAdapterOptions {
  endpoint: AdapterEndpoint;
  /** Also serve /healthz, /readyz and /metrics (default true); off when the app has its own. */
  ops?: boolean;
}

/**
 * A Fastify (5) plugin serving the endpoint at `listen.path` and the ops paths. Inside its own
 * encapsulated scope it replaces the body parsers with one that hands the unread request stream
 * through, so the pipeline reads the exact signed bytes under its own limit and answers 413 and
 * 415 itself; the app's parsers elsewhere are untouched. Register it without a prefix:
 * `listen.path` is the full path.
 *
 * @example
 * const endpoint = await createEndpoint(loadConfigFile('custlink.yaml'));
 * const app = Fastify();
 * await app.register(custlinkFastify, { endpoint });
 */
export async function custlinkFastify(instance: FastifyInstance, options: FastifyAdapterOptions): Promise<void> {
  const { endpoint, ops = true } = options;
  const { path: apiPath, trustProxy } = endpoint.config.listen;

  instance.removeAllContentTypeParsers();
  // Any content type is accepted unread: the pipeline reads request.raw when the signature's turn
  // comes, under its own limit, and answers 415 itself for a type that cannot be UTF-8 JSON. A
  // request with no Content-Type reaches the catch-all too (the guide names no type).
  instance.addContentTypeParser('*', (_request, _payload, done) => done(null));

  instance.all(apiPath, async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.raw;
    const ip = clientIp(raw.socket.remoteAddress, request.headers['x-forwarded-for'], trustProxy);
    const response = await endpoint.handle(new NodeRequest(raw, pathOf(raw.url), ip));
    return reply.code(response.status).headers(response.headers).send(response.body);
  });

  if (!ops) return;
  for (const opsPath of OPS_PATHS) {
    instance.all(opsPath, async (request: FastifyRequest, reply: FastifyReply) => {
      const ip = clientIp(request.raw.socket.remoteAddress, request.headers['x-forwarded-for'], trustProxy);
      const response = await endpoint.ops(request.method, pathOf(request.raw.url), ip);
      if (!response) return reply.callNotFound();
      return reply.code(response.status).headers(response.headers).send(response.body);
    });
  }
}
