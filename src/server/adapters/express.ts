import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeRequest } from '../transport/node-request.js';
import { BodyTooLargeError, type EndpointRequest, type EndpointResponse } from '../types.js';
import { misconfigured, type AdapterEndpoint } from './endpoint.js';
import { pathOf } from '../routing/path.js';
import { createRouter } from '../routing/router.js';

export interface ExpressAdapterOptions {
  /** Told when the middleware is mounted wrongly (default: `console.error`, once). */
  logger?: { error(fields: object, message: string): void };
}

type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown; _body?: boolean; rawBody?: unknown };
type Next = (error?: unknown) => void;

const ALREADY_PARSED =
  'custlink needs the raw request body to check the signature, but a body parser (express.json()?) ' +
  'has already read it. Mount custlinkExpress before any body parser, or on a path the parser skips, ' +
  'or keep the bytes: express.json({ verify: (req, res, buf) => { req.rawBody = buf } }) (NestJS: rawBody: true).';

/**
 * Express (4 or 5) middleware serving the endpoint at `listen.path` (the full path, mount prefix
 * included) and the ops paths; every other path goes on to `next()`. It reads the raw body
 * itself, because the signature covers the exact bytes and a re-serialised `req.body` would
 * not match; after a body parser, only the bytes it kept in `req.rawBody` will do.
 *
 * @example
 * const endpoint = await createEndpoint(loadConfigFile('custlink.yaml'));
 * const app = express();
 * app.use(custlinkExpress(endpoint)); // before app.use(express.json())
 */
export function custlinkExpress(endpoint: AdapterEndpoint, options: ExpressAdapterOptions = {}) {
  // The router `createEndpoint` routes with, so a path is the endpoint's here exactly when it is there.
  const route = createRouter(endpoint.paths.api);
  let warned = false;
  const report = (fields: object) => {
    if (options.logger) options.logger.error(fields, ALREADY_PARSED);
    else if (!warned) console.error(`custlink: ${ALREADY_PARSED}`);
    warned = true;
  };

  return function custlink(req: ExpressRequest, res: ServerResponse, next: Next): void {
    const path = pathOf(req.originalUrl ?? req.url);
    const to = route(path);
    // Not the endpoint's path: the app's routes after this middleware answer it.
    if (to === undefined) return next();
    if (to === 'api' && bodyAlreadyRead(req)) {
      // A parser that kept the exact bytes (the `verify` hook, NestJS `rawBody: true`) is fine.
      if (req.rawBody instanceof Uint8Array) {
        endpoint.handle(keptBody(req, path, req.rawBody)).then((response) => send(res, response), next);
        return;
      }
      report({ path, method: req.method });
      send(res, misconfigured('BODY_ALREADY_PARSED', ALREADY_PARSED));
      return;
    }
    endpoint.handle(new NodeRequest(req, path)).then((response) => send(res, response), next);
  };
}

/** A request whose body a parser has read, answered from the raw bytes it kept. */
function keptBody(req: ExpressRequest, path: string, raw: Uint8Array): EndpointRequest {
  return {
    method: req.method ?? 'POST',
    path,
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress,
    readBody: async (limit) => {
      if (raw.byteLength > limit) throw new BodyTooLargeError(limit);
      return raw;
    },
  };
}

/** body-parser sets `_body`; any reader leaves the stream read; either way the bytes are gone. */
function bodyAlreadyRead(req: ExpressRequest): boolean {
  return req._body === true || req.body !== undefined || req.readableDidRead || req.readableEnded;
}

function send(res: ServerResponse, response: EndpointResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, response.headers).end(response.body);
}
