import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { ConfigError } from '../config/error.js';
import type { EndpointConfig } from '../config/types.js';

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
 * A host to put in a URL that clients can connect to: wildcard binds become loopback.
 *
 * @example
 * urlHost('0.0.0.0') // '127.0.0.1'
 * urlHost('::1')     // '[::1]'
 */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
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

const WILDCARDS: Record<string, string> = { '0.0.0.0': 'every IPv4 address', '::': 'every address', '[::]': 'every address' };

/**
 * The startup line's address: the one bound, and for a wildcard what it means and the URL to
 * use from this machine.
 *
 * @example
 * listeningOn('0.0.0.0', 8080, 'http', '/') // 'http://0.0.0.0:8080/ (every IPv4 address of this machine; from here: http://127.0.0.1:8080/)'
 */
export function listeningOn(host: string, port: number, protocol: 'http' | 'https', path: string): string {
  const bound = `${protocol}://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}${path}`;
  const wildcard = WILDCARDS[host];
  return wildcard === undefined ? bound : `${bound} (${wildcard} of this machine; from here: ${protocol}://${urlHost(host)}:${port}${path})`;
}

/**
 * A `--port` (or any port) outside 0-65535 as a `ConfigError` on `listen.port`.
 *
 * @example
 * checkPort(99999) // throws: listen.port: 99999 is not a port (1-65535, or 0 for any free port)
 */
export function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError([{ path: 'listen.port', message: `${port} is not a port (1-65535, or 0 for any free port)` }]);
  }
}

/**
 * Why the listen address cannot be bound, as a `ConfigError` naming the key, instead of Node's
 * raw `listen EADDRINUSE`; `undefined` for an error that is not about the address.
 *
 * @example
 * listenError(error, '127.0.0.1', 8080)?.message // 'config: listen: 127.0.0.1:8080 is in use ...'
 */
export function listenError(error: unknown, host: string, port: number): ConfigError | undefined {
  const { code, syscall, hostname } = error as NodeJS.ErrnoException & { hostname?: string };
  // Only the listen socket's own errors: a database host that does not resolve is not listen.host.
  if (syscall !== 'listen' && !(syscall === 'getaddrinfo' && hostname === host)) return undefined;
  const issue = (path: string, message: string) => new ConfigError([{ path, message }], undefined, { cause: error });
  switch (code) {
    case 'EADDRINUSE':
      return issue('listen', `${host}:${port} is in use (another process listens there: stop it, or choose another listen.port)`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return issue('listen.host', `${host} is not an address this machine has (0.0.0.0 listens on every IPv4 address)`);
    case 'EACCES':
      return issue('listen.port', `${port} needs privileges (a port below 1024: run as root or with CAP_NET_BIND_SERVICE, or use a port from 1024 up)`);
    default:
      return undefined;
  }
}

/**
 * Binds the listen address for a moment and lets it go (`serve --check`): a bad host, a port
 * in use or a privileged port fails here with `listenError`'s message, not at the real start.
 *
 * @example
 * await checkListen({ host: '127.0.0.1', port: 8080 });
 */
export async function checkListen(listen: { host: string; port: number }): Promise<void> {
  checkPort(listen.port);
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => resolve());
    });
  } catch (error) {
    throw listenError(error, listen.host, listen.port) ?? error;
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
