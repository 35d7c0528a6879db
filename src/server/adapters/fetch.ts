import { BodyTooLargeError, type EndpointResponse } from '../types.js';
import type { AdapterEndpoint } from './endpoint.js';

export interface FetchAdapterOptions {
  /**
   * The peer address, which a `Request` does not carry: e.g. Bun's `server.requestIP(req)`,
   * Deno's `info.remoteAddr`, Hono's `getConnInfo(c)`. Used for `allowIps` and
   * `ops.allowIps` (an unknown address is refused both), before `trustProxy`.
   */
  remoteAddress?: (request: Request) => string | undefined;
}

/** Per request, what the framework knows beside the `Request`: Hono's `getConnInfo(c)`. */
export interface FetchRequestInfo {
  /** The peer address; when given, it wins over `options.remoteAddress`. */
  remoteAddress?: string;
}

/**
 * A web-standard handler for Hono, Next.js route handlers, Bun and Deno: every request goes to
 * the endpoint, which routes it (API path, ops paths, 404 for anything else). The path is the
 * URL's pathname, so `listen.path` must be the full path. The peer address comes per request as
 * the second argument (one handler for the app, however the framework exposes the socket), or
 * from `options.remoteAddress`. A Next.js route's context argument carries none, and is ignored.
 *
 * @example
 * const handle = createFetchHandler(await createEndpoint(loadConfigFile('custlink.yaml')));
 * app.all('/customer', (c) => handle(c.req.raw, { remoteAddress: getConnInfo(c).remote.address })); // Hono
 * export const POST = handle;                    // Next.js app/customer/route.ts
 */
export function createFetchHandler(endpoint: AdapterEndpoint, options: FetchAdapterOptions = {}) {
  return async (request: Request, info?: FetchRequestInfo): Promise<Response> => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const response = await endpoint.handle({
      method: request.method,
      path: new URL(request.url).pathname,
      headers,
      remoteAddress: info?.remoteAddress ?? options.remoteAddress?.(request),
      readBody: (limit) => readWebBody(request, limit),
    });
    return toResponse(response);
  };
}

/**
 * Reads a `Request` body up to `limit` bytes, cancelling the stream past it.
 *
 * @example
 * const bytes = await readWebBody(request, 16_384);
 */
async function readWebBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function toResponse(response: EndpointResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}
