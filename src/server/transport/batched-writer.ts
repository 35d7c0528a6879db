import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { EndpointResponse } from '../types.js';

/** What the writer knows of one connection: requests arrive on it in order, maybe pipelined. */
interface Connection {
  /** Requests received on it so far; the newest one's number. */
  received: number;
  /** An answer that closes it is written: node:http sends nothing after that one. */
  closing: boolean;
}

export interface BatchedWriter {
  /**
   * Counts a request as received on its connection and returns its number there, or 0 when an
   * answer closing that connection is already written: node:http would queue this request's
   * answer behind it and never send it, so it must not be handled (nor logged as answered).
   */
  arrived(socket: Socket): number;
  /** Queues the answer to request number `seq` on `socket` for the end of this turn. */
  write(res: ServerResponse, response: EndpointResponse, socket: Socket, seq: number): void;
}

/**
 * A writer that sends the answers ready in one turn of the event loop together at its end: the
 * client is woken once per batch instead of once per answer, which on a loaded host costs more
 * than the answers themselves. The wait is at most the rest of the current turn. While
 * `closing()` is true, a connection closes after the answer to the newest request received on
 * it, not after the first one answered: node:http ends the connection after an answer saying
 * `Connection: close`, and requests the client pipelined behind it would get none.
 * `unwritten` hears of an answer that could not be written (the client closed first).
 *
 * @example
 * const writer = createBatchedWriter(() => draining, (response) => log.info('not written'));
 * const seq = writer.arrived(req.socket);
 * writer.write(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data":{}}' }, req.socket, seq);
 */
export function createBatchedWriter(closing: () => boolean, unwritten: (response: EndpointResponse) => void = () => {}): BatchedWriter {
  const connections = new WeakMap<Socket, Connection>();
  let pending: [ServerResponse, EndpointResponse, Connection | undefined, number][] = [];
  const send = (res: ServerResponse, response: EndpointResponse, connection: Connection | undefined, seq: number): void => {
    if (res.headersSent || res.destroyed) return unwritten(response);
    const headers = response.headers;
    headers['content-length'] = String(Buffer.byteLength(response.body));
    // Only the newest request's answer closes: node:http writes answers in request order, so
    // the ones before it still go out, on the connection they were sent on.
    if (closing() && (connection === undefined || seq >= connection.received)) res.shouldKeepAlive = false;
    if (!res.shouldKeepAlive && connection !== undefined) connection.closing = true;
    res.writeHead(response.status, headers);
    res.end(response.body);
  };
  const flush = (): void => {
    const batch = pending;
    pending = [];
    for (let i = 0; i < batch.length; i++) {
      const [res, response, connection, seq] = batch[i]!;
      try {
        send(res, response, connection, seq);
      } catch (error) {
        // Outside any request's own try: one bad answer must not crash the process or the batch.
        res.destroy(error instanceof Error ? error : undefined);
      }
    }
  };
  return {
    arrived(socket) {
      const connection = connections.get(socket);
      if (connection === undefined) {
        connections.set(socket, { received: 1, closing: false });
        return 1;
      }
      return connection.closing ? 0 : ++connection.received;
    },
    write(res, response, socket, seq) {
      if (pending.length === 0) setImmediate(flush);
      pending.push([res, response, connections.get(socket), seq]);
    },
  };
}
