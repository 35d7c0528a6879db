import type { EndpointConfig } from '../config/types.js';
import { createMemoryReplayStore } from './memory.js';
import type { ReplayStore } from './types.js';

/**
 * Opens the replay store `auth.replay` names, or `undefined` when replay protection is off.
 * Redis loads only when used; an unreachable Redis is a `ConfigError` and nothing starts.
 *
 * @example
 * const replay = await openReplayStore(config); // undefined without auth.replay
 */
export async function openReplayStore(config: EndpointConfig): Promise<ReplayStore | undefined> {
  const replay = config.auth.replay;
  if (replay === undefined) return undefined;
  if (replay.store === 'memory') return createMemoryReplayStore(replay.maxEntries);
  const { openRedisReplayStore } = await import('./redis.js');
  return openRedisReplayStore(replay.url!, config.limits.sourceTimeoutMs);
}
