import { DEFAULT_REPLAY_MAX_ENTRIES } from '../config/constants.js';
import type { ReplayStore } from './types.js';

/** The memory store, whose cap a reload may change without forgetting what it has seen. */
export interface MemoryReplayStore extends ReplayStore {
  /** A new `maxEntries`; a smaller one forgets the oldest entries at the next claim. */
  resize(maxEntries: number): void;
}

/**
 * Signatures remembered in this process: for a single instance (several instances behind a load
 * balancer need the shared `redis` store). Entries leave when their timestamp leaves the window.
 * At most `maxEntries` are kept, so a flood of valid requests cannot grow memory without bound;
 * past that the oldest are forgotten first, which only matters to a replay of a request that
 * old, sent during such a flood.
 *
 * @example
 * const store = createMemoryReplayStore();
 * store.claim(signature, Number(timestamp) + 300_000); // true
 * store.claim(signature, Number(timestamp) + 300_000); // false: a replay
 */
export function createMemoryReplayStore(maxEntries = DEFAULT_REPLAY_MAX_ENTRIES, now: () => number = Date.now): MemoryReplayStore {
  // Insertion order is close to expiry order (timestamps arrive roughly in order), so expired
  // entries are swept from the front a few at a time, never by scanning the whole map.
  const seen = new Map<string, number>();
  const sweep = (at: number): void => {
    for (const [signature, expiresAt] of seen) {
      if (expiresAt > at && seen.size < maxEntries) break;
      seen.delete(signature);
    }
  };
  return {
    claim(signature, expiresAt) {
      const at = now();
      const known = seen.get(signature);
      if (known !== undefined && known > at) return false;
      sweep(at);
      seen.set(signature, expiresAt);
      return true;
    },
    resize(size) {
      maxEntries = size;
    },
    async ready() {},
    async close() {
      seen.clear();
    },
  };
}
