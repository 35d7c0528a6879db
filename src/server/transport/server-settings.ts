import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ConfigError } from '../config/error.js';
import type { EndpointConfig } from '../config/types.js';

/* What the config puts on the node:http(s) server itself: here because start and every reload
 * (running-server.ts) apply the same, and must not drift apart. */

/**
 * Reads the TLS files the config names; an unreadable one is a `ConfigError` naming its key.
 *
 * @example
 * const tls = readTls({ cert: '/etc/custlink/cert.pem', key: '/etc/custlink/key.pem' });
 */
export function readTls(tls: NonNullable<EndpointConfig['listen']['tls']>): { cert: Buffer; key: Buffer; ca?: Buffer } {
  const read = (key: 'cert' | 'key' | 'ca', file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ConfigError([{ path: `listen.tls.${key}`, message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}` }]);
    }
  };
  return { cert: read('cert', tls.cert), key: read('key', tls.key), ...(tls.ca === undefined ? {} : { ca: read('ca', tls.ca) }) };
}

/**
 * How often node:http looks for requests past their deadline (its default is 30 s, which let a
 * trickled request hold a connection for up to half a minute beyond the limit).
 */
export const DEADLINE_CHECK_MS = 500;

/**
 * Puts `limits` on a listening server (at start and on every reload): the deadlines for the
 * headers and for the whole request, and the connection cap. Node checks the deadlines every
 * `DEADLINE_CHECK_MS` and answers a late request 408 (see `clientErrorListener`).
 *
 * @example
 * applyLimits(server, config.limits);
 */
export function applyLimits(server: Server, limits: EndpointConfig['limits']): void {
  server.headersTimeout = limits.headersTimeoutMs;
  // Node counts the request deadline from the first byte of the request, headers included.
  server.requestTimeout = limits.headersTimeoutMs + limits.bodyTimeoutMs;
  server.maxConnections = limits.maxConnections;
}
