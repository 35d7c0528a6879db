import { hash } from 'node:crypto';
import type pino from 'pino';
import type { ApiEndpointConfig } from '../config/types.js';
import type { EndpointMetrics } from '../ops/metrics.js';
import { NOT_FOUND } from '../vocabulary/refusals.js';
import type { Refusal } from '../vocabulary/responses.js';
import { createMemoryCacheStore } from './memory.js';
import type { CacheStore } from './store.js';

/** A lookup's outcome, as the pipeline has it: the rendered success body or a refusal. */
type Outcome = string | Refusal;

/** The lookup cache in front of the source. */
export interface LookupCache {
  /**
   * The cached outcome for `params`, else `lookup`'s, kept on the way when it is worth keeping.
   * Synchronous when the store and the lookup are (the memory store, a SQLite source): a hit
   * then costs no promise.
   */
  through(params: Readonly<Record<string, string>>, lookup: () => Outcome | Promise<Outcome>): Outcome | Promise<Outcome>;
  close(): Promise<void>;
}

/** Stored for a NOT_FOUND with `cacheMisses`: no rendered body (a JSON object) looks like it. */
const MISS = 'NOT_FOUND';

/**
 * The cache `cache` configures, or `undefined` without it. An entry is found by the normalized
 * lookup values, in the config's item order. In Redis the key is their HMAC under `cache.key`
 * (with the API name) and the value is encrypted (see `createCacheSeal`), under a namespace hashed
 * from what shapes an answer (lookup, source, result, API path, cacheMisses), so a reloaded
 * config that answers differently finds none of the old entries; the memory store is this
 * endpoint's own, never leaves the process, and keeps the values as they are.
 *
 * @example
 * const cache = await openLookupCache(config, logger, metrics);
 * const outcome = await cache?.through(params, () => lookupAndRender(params));
 */
export async function openLookupCache(config: ApiEndpointConfig, logger: pino.Logger, metrics: EndpointMetrics): Promise<LookupCache | undefined> {
  const settings = config.cache;
  if (settings === undefined) return undefined;
  const items = Object.keys(config.lookup);
  const valuesOf = (params: Readonly<Record<string, string>>) => items.map((item) => (Object.hasOwn(params, item) ? params[item]! : null));
  let store: CacheStore;
  let keyOf: (params: Readonly<Record<string, string>>) => string;
  if (settings.store === 'memory') {
    store = createMemoryCacheStore(settings.maxEntries, settings.ttlMs, () => metrics.cache('evictions'));
    keyOf = (params) => JSON.stringify(valuesOf(params));
  } else {
    const [{ openRedisCacheStore }, { createCacheSeal }] = await Promise.all([import('./redis.js'), import('./sealed.js')]);
    // An answer from the cache later than this is no faster than one from a database.
    const timeoutMs = Math.min(config.limits.sourceTimeoutMs, 250);
    // The schema refuses store: redis without cache.key.
    const seal = createCacheSeal(settings.key!, cacheNamespace(config), logger);
    store = seal.wrap(await openRedisCacheStore(settings.url!, settings.ttlMs, timeoutMs, logger, () => metrics.cache('errors')), config.name);
    keyOf = (params) => seal.keyOf(config.name, valuesOf(params));
  }
  const keep = (key: string, outcome: Outcome): Outcome => {
    if (typeof outcome === 'string') store.set(key, outcome);
    else if (outcome.code === 'NOT_FOUND' && settings.cacheMisses) store.set(key, MISS);
    return outcome;
  };
  const answer = (key: string, cached: string | undefined, lookup: () => Outcome | Promise<Outcome>): Outcome | Promise<Outcome> => {
    if (cached !== undefined) {
      metrics.cache('hits');
      return cached === MISS ? NOT_FOUND : cached;
    }
    metrics.cache('misses');
    const outcome = lookup();
    return outcome instanceof Promise ? outcome.then((o) => keep(key, o)) : keep(key, outcome);
  };
  return {
    through(params, lookup) {
      const key = keyOf(params);
      const cached = store.get(key);
      return cached instanceof Promise ? cached.then((c) => answer(key, c, lookup)) : answer(key, cached, lookup);
    },
    close: () => store.close(),
  };
}

/**
 * The prefix of every key for this config: `custlink:cache:` and a hash of what shapes an answer.
 *
 * @example
 * cacheNamespace(config) // 'custlink:cache:3f9a0c1b2d4e5f60:'
 */
export function cacheNamespace(config: ApiEndpointConfig): string {
  const shape = { api: config.path, lookup: config.lookup, source: config.source, result: config.result, misses: config.cache?.cacheMisses };
  return `custlink:cache:${sha256(JSON.stringify(shape)).slice(0, 16)}:`;
}

function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
