import { Server as NetServer } from 'node:net';
import type { Server } from 'node:http';

/**
 * Stops a server without losing a request: it stops accepting at once; a request already sent,
 * also one arriving on a kept-alive connection during the drain, is answered (the caller answers
 * it with `Connection: close`); a connection idle for `idleMs` is closed; after `capMs` every
 * connection is cut, so a stuck client cannot hold the shutdown. Resolves once none is left.
 *
 * @example
 * draining = true; // answers now carry Connection: close
 * await drain(server, 300, 10_000);
 */
export function drain(server: Server, idleMs: number, capMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    // After the next poll, not in the timer's own turn: a request whose bytes wait unread in the
    // kernel is read first and counts as in flight, instead of being reset with its connection.
    const idle = setInterval(() => setImmediate(() => server.closeIdleConnections()), idleMs);
    const cap = setTimeout(() => server.closeAllConnections(), capMs);
    // net's close, not http's: http's closes idle keep-alive connections at once, and a request
    // a client sends on one at that moment meets a reset instead of an answer.
    NetServer.prototype.close.call(server, () => {
      clearInterval(idle);
      clearTimeout(cap);
      // Now http's own close, for what it stops besides (its deadline checks); nothing is left to cut.
      server.close();
      resolve();
    });
  });
}
