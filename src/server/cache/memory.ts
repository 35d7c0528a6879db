import { LRUCache } from 'lru-cache';
import type { CacheStore } from './store.js';

/**
 * Answers kept in this process: at most `maxEntries`, the least recently used leaving first
 * (`onEvict` counts those), each for `ttlMs`. A new store per endpoint generation, so a reload
 * never answers from the previous config.
 *
 * @example
 * const store = createMemoryCacheStore(10_000, 5_000, () => metrics.cache('evictions'));
 * store.set(key, '{"data":{...}}');
 * store.get(key) // '{"data":{...}}' for 5 s
 */
export function createMemoryCacheStore(maxEntries: number, ttlMs: number, onEvict: () => void): CacheStore {
  const entries = new LRUCache<string, string>({
    max: maxEntries,
    ttl: ttlMs,
    dispose: (_value, _key, reason) => {
      if (reason === 'evict') onEvict();
    },
  });
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      entries.set(key, value);
    },
    async close() {
      entries.clear();
    },
  };
}
