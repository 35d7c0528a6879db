import type { EndpointConfig } from './config/types.js';
import type { Endpoint } from './endpoint.js';
import type { Source } from './types.js';

/* What a reload needs: endpoints by generation, a caller's source kept open across them, and the
 * keys only a restart can change. */

/** An endpoint and the requests it is answering; `retired` once a reload has replaced it. */
export interface Generation {
  endpoint: Endpoint;
  inFlight: number;
  retired: boolean;
}

/**
 * A fresh generation for an endpoint that has answered nothing yet.
 *
 * @example
 * let active = generation(await createEndpoint(config));
 */
export function generation(endpoint: Endpoint): Generation {
  return { endpoint, inFlight: 0, retired: false };
}

/**
 * Closes a replaced endpoint once its last request is answered. The new config is already
 * serving, so a source that fails to close is not the reload's failure, nor worth a crash.
 *
 * @example
 * if (--old.inFlight === 0 && old.retired) retire(old);
 */
export function retire(old: Generation): void {
  old.endpoint.close().catch(() => {});
}

/**
 * The source with `close` left to its owner; everything else goes to the source itself. Every
 * endpoint generation closes its source when retired, but a source the caller passed outlives them.
 *
 * @example
 * createEndpoint(config, { source: keptOpen(callerSource) });
 */
export function keptOpen(source: Source): Source {
  return new Proxy(source, {
    get(target, key) {
      if (key === 'close') return async () => {};
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The keys a running server cannot take from a reload: the socket it listens on, and TLS on/off.
 *
 * @example
 * needsRestart(config, { ...config, listen: { ...config.listen, port: 9090 } }) // ['listen.port']
 */
export function needsRestart(now: EndpointConfig, next: EndpointConfig): string[] {
  const keys: string[] = [];
  if (now.listen.host !== next.listen.host) keys.push('listen.host');
  if (now.listen.port !== next.listen.port) keys.push('listen.port');
  if ((now.listen.tls === undefined) !== (next.listen.tls === undefined)) keys.push('listen.tls');
  return keys;
}
