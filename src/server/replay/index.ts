import type { ApiEndpointConfig } from '../config/types.js';
import { createMemoryReplayStore, type MemoryReplayStore } from './memory.js';
import type { ReplayStore } from './types.js';

/** What each store opened here was opened for, so that a reload can tell whether it still fits. */
const openedFor = new WeakMap<ReplayStore, string>();

/**
 * Opens the replay store `auth.replay` names, or `undefined` when replay protection is off.
 * Redis loads only when used; an unreachable Redis is a `ConfigError` and nothing starts.
 *
 * @example
 * const replay = await openReplayStore(config); // undefined without auth.replay
 */
export async function openReplayStore(config: ApiEndpointConfig): Promise<ReplayStore | undefined> {
  const replay = config.auth.replay;
  if (replay === undefined) return undefined;
  let store: ReplayStore;
  if (replay.store === 'memory') store = createMemoryReplayStore(replay.maxEntries);
  else {
    const { openRedisReplayStore } = await import('./redis.js');
    store = await openRedisReplayStore(replay.url!, config.limits.sourceTimeoutMs);
  }
  openedFor.set(store, identity(config));
  return store;
}

/**
 * The store for a reloaded config: `current` itself when the config names the same store, so
 * the signatures it remembers stay refused (a fresh memory store would let the last window's
 * requests be replayed once); a newly opened one otherwise. The caller closes `current` when it
 * is not returned. A changed window keeps the entries: each expires when its own window did.
 *
 * @example
 * const replay = await replayStoreFor(next, running.replay);
 */
export async function replayStoreFor(config: ApiEndpointConfig, current: ReplayStore | undefined): Promise<ReplayStore | undefined> {
  const replay = config.auth.replay;
  if (replay === undefined) return undefined;
  if (current === undefined || openedFor.get(current) !== identity(config)) return openReplayStore(config);
  if (replay.store === 'memory') (current as MemoryReplayStore).resize(replay.maxEntries);
  return current;
}

/** The settings that make a store another one: memory or which Redis, and how long it may take. */
function identity(config: ApiEndpointConfig): string {
  const replay = config.auth.replay!;
  return replay.store === 'memory' ? 'memory' : `redis ${replay.url!} ${config.limits.sourceTimeoutMs}`;
}
