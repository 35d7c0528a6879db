import type { EndpointConfig } from '../config/types.js';
import { createEndpoint, type Endpoint, type EndpointOptions } from '../endpoint.js';
import { replayStoreFor } from '../replay/index.js';
import type { ReplayStore } from '../replay/types.js';
import type { Source } from '../types.js';

/* What a reload needs: endpoints by generation, a caller's source and the replay store kept open
 * across them, and the keys only a restart can change. */

/** An endpoint and the requests it is answering; `retired` once a reload has replaced it. */
export interface Generation {
  endpoint: Endpoint;
  /** Owned by the server, not the endpoint: the next generation takes it over when it fits. */
  replay: ReplayStore | undefined;
  inFlight: number;
  retired: boolean;
}

/**
 * A fresh generation for `config`, reusing the replay store of the one it replaces when the
 * config names the same store, so that a reload does not forget the signatures already used.
 *
 * @example
 * let active = await generation(config, options);
 * active = await generation(next, options, active.replay);
 */
export async function generation(config: EndpointConfig, options: EndpointOptions, current?: ReplayStore): Promise<Generation> {
  const replay = await replayStoreFor(config, current);
  try {
    const endpoint = await createEndpoint(config, replay === undefined ? options : { ...options, replay });
    return { endpoint, replay, inFlight: 0, retired: false };
  } catch (error) {
    if (replay !== current) await replay?.close();
    throw error;
  }
}

/**
 * Closes a replaced endpoint once its last request is answered, and its replay store unless
 * `kept` (the active generation's) is the same. The new config is already serving, so a source
 * that fails to close is not the reload's failure, nor worth a crash.
 *
 * @example
 * if (--old.inFlight === 0 && old.retired) retire(old, active.replay);
 */
export function retire(old: Generation, kept: ReplayStore | undefined): void {
  old.endpoint.close().catch(() => {});
  if (old.replay !== kept) old.replay?.close().catch(() => {});
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
