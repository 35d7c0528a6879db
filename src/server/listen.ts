import { readFileSync } from 'node:fs';
import { ConfigError } from './config/error.js';
import type { EndpointConfig } from './config/types.js';

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
