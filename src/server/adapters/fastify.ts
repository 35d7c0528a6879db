import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../routing/path.js';
import { NodeRequest } from '../transport/node-request.js';
import type { AdapterEndpoint } from './endpoint.js';

export interface FastifyAdapterOptions {
  endpoint: AdapterEndpoint;
  /** Also serve /healthz, /readyz and /metrics (default true); off when the app has its own. */
  ops?: boolean;
}

/**
 * A Fastify (5) plugin serving the endpoint's API path and ops paths. Inside its own
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

  instance.removeAllContentTypeParsers();
  // Any content type is accepted unread: the pipeline reads request.raw when the signature's turn
  // comes, under its own limit, and answers 415 itself for a type that cannot be UTF-8 JSON. A
  // request with no Content-Type reaches the catch-all too (the guide names no type).
  instance.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const answer = async (request: FastifyRequest, reply: FastifyReply) => {
    const response = await endpoint.handle(new NodeRequest(request.raw, pathOf(request.raw.url)));
    return reply.code(response.status).headers(response.headers).send(response.body);
  };
  // Fastify routes only what is declared: the endpoint's own list, so no path is named twice.
  for (const path of endpoint.paths.api) instance.all(path, answer);
  if (ops) for (const path of endpoint.paths.ops) instance.all(path, answer);
}
