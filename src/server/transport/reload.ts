import { apiView } from '../config/apis.js';
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
  /** By API name; owned by the server, not the endpoint: the next generation takes each over when it fits. */
  replays: ReadonlyMap<string, ReplayStore>;
  inFlight: number;
  retired: boolean;
}

/**
 * A fresh generation for `config`, reusing each API's replay store of the one it replaces when
 * that API (by name) names the same store, so that a reload does not forget the signatures
 * already used.
 *
 * @example
 * let active = await generation(config, options);
 * active = await generation(next, options, active.replays);
 */
export async function generation(config: EndpointConfig, options: EndpointOptions, current: ReadonlyMap<string, ReplayStore> = new Map()): Promise<Generation> {
  const replays = new Map<string, ReplayStore>();
  try {
    for (const api of config.apis) {
      const replay = await replayStoreFor(apiView(config, api), current.get(api.name));
      if (replay !== undefined) replays.set(api.name, replay);
    }
    const endpoint = await createEndpoint(config, { ...options, replays });
    return { endpoint, replays, inFlight: 0, retired: false };
  } catch (error) {
    await closeUnless(replays, current);
    throw error;
  }
}

/**
 * Closes a replaced endpoint once its last request is answered, and its replay stores but those
 * `kept` (the active generation's). The new config is already serving, so a source that fails to
 * close is not the reload's failure, nor worth a crash.
 *
 * @example
 * if (--old.inFlight === 0 && old.retired) retire(old, active.replays);
 */
export function retire(old: Generation, kept: ReadonlyMap<string, ReplayStore>): void {
  old.endpoint.close().catch(() => {});
  closeUnless(old.replays, kept).catch(() => {});
}

/**
 * Closes the stores of `replays` that are not also in `kept`.
 *
 * @example
 * await closeUnless(active.replays, new Map()); // on shutdown: all of them
 */
export async function closeUnless(replays: ReadonlyMap<string, ReplayStore>, kept: ReadonlyMap<string, ReplayStore>): Promise<void> {
  const keep = new Set(kept.values());
  await Promise.all([...replays.values()].filter((r) => !keep.has(r)).map((r) => r.close()));
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
