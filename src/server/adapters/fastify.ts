import type { IncomingMessage } from 'node:http';
import { pathOf } from '../routing/path.js';
import { NodeRequest } from '../transport/node-request.js';
import type { AdapterEndpoint } from './endpoint.js';

/*
 * The parts of Fastify's instance, request and reply the plugin uses, written out: fastify is an
 * optional peer, so the published types must compile (skipLibCheck: false) without it installed.
 * A FastifyInstance is assignable to FastifyLike.
 */
interface FastifyRequestLike {
  raw: IncomingMessage;
}
interface FastifyReplyLike {
  code(statusCode: number): FastifyReplyLike;
  headers(values: Record<string, string>): FastifyReplyLike;
  send(payload: string | Buffer): FastifyReplyLike;
}
/** What `custlinkFastify` needs of the Fastify instance it is registered on. */
export interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(contentType: string, parser: (request: FastifyRequestLike, payload: unknown, done: (error: null) => void) => void): void;
  all(path: string, handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<FastifyReplyLike>): void;
}

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
export async function custlinkFastify(instance: FastifyLike, options: FastifyAdapterOptions): Promise<void> {
  const { endpoint, ops = true } = options;

  instance.removeAllContentTypeParsers();
  // Any content type is accepted unread: the pipeline reads request.raw when the signature's turn
  // comes, under its own limit, and answers 415 itself for a type that cannot be UTF-8 JSON. A
  // request with no Content-Type reaches the catch-all too (the guide names no type).
  instance.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const answer = async (request: FastifyRequestLike, reply: FastifyReplyLike) => {
    const response = await endpoint.handle(new NodeRequest(request.raw, pathOf(request.raw.url)));
    return reply.code(response.status).headers(response.headers).send(response.body);
  };
  // Fastify routes only what is declared: the endpoint's own list, so no path is named twice.
  for (const path of endpoint.paths.api) {
    instance.all(path, answer);
    sameWithSlash(instance, path, answer);
  }
  if (ops) for (const path of endpoint.paths.ops) instance.all(path, answer);
}

/**
 * Declares the API path with one trailing slash more or less, which the endpoint's router takes
 * as the same path (admins type the helpdesk's 기본 URL either way); Fastify's own router would
 * answer it with its 404 instead. An app created with `ignoreTrailingSlash` has it already, and
 * Fastify says so by refusing the second declaration as a duplicate.
 */
function sameWithSlash(instance: FastifyLike, path: string, handler: Parameters<FastifyLike['all']>[1]): void {
  const other = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
  if (other === '') return;
  try {
    instance.all(other, handler);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'FST_ERR_DUPLICATED_ROUTE') throw error;
  }
}
