import type { ServerResponse } from 'node:http';
import type { EndpointResponse } from '../types.js';

/**
 * A writer that sends the answers ready in one turn of the event loop together at its end: the
 * client is woken once per batch instead of once per answer, which on a loaded host costs more
 * than the answers themselves. The wait is at most the rest of the current turn. While
 * `closing()` is true, each answered connection closes instead of waiting for another request.
 *
 * @example
 * const write = createBatchedWriter(() => draining);
 * write(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data":{}}' });
 */
export function createBatchedWriter(closing: () => boolean): (res: ServerResponse, response: EndpointResponse) => void {
  let pending: [ServerResponse, EndpointResponse][] = [];
  const send = (res: ServerResponse, response: EndpointResponse): void => {
    if (res.headersSent || res.destroyed) return;
    const headers = response.headers;
    headers['content-length'] = String(Buffer.byteLength(response.body));
    if (closing()) res.shouldKeepAlive = false;
    res.writeHead(response.status, headers);
    res.end(response.body);
  };
  const flush = (): void => {
    const batch = pending;
    pending = [];
    for (let i = 0; i < batch.length; i++) {
      const [res, response] = batch[i]!;
      try {
        send(res, response);
      } catch (error) {
        // Outside any request's own try: one bad answer must not crash the process or the batch.
        res.destroy(error instanceof Error ? error : undefined);
      }
    }
  };
  return (res, response) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push([res, response]);
  };
}
