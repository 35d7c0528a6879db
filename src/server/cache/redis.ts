import { Redis } from 'ioredis';
import type pino from 'pino';
import type { CacheStore } from './store.js';

/**
 * Answers kept in Redis, shared by every worker and instance: `SET PX` so each expires with the
 * TTL. A cache is a shortcut, never a dependency: nothing waits for a connection (no offline
 * queue, no retries per command), a failed or slow command is a miss (`onError` counts it), and
 * the first failure is logged once, then once more when Redis answers again. Opening waits for
 * the connection up to `timeoutMs`, and never fails.
 *
 * @example
 * const store = await openRedisCacheStore('redis://127.0.0.1:6379', 5_000, 250, logger, () => metrics.cache('errors'));
 * await store.get(key) // undefined: a miss, or Redis is down
 */
export async function openRedisCacheStore(url: string, ttlMs: number, timeoutMs: number, logger: pino.Logger, onError: () => void): Promise<CacheStore> {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: timeoutMs, connectTimeout: timeoutMs });
  let down = false;
  const failed = (error: unknown): undefined => {
    onError();
    if (!down) {
      down = true;
      // The message only: a connection error's stack says nothing the operator can act on.
      logger.warn({ reason: (error as Error).message }, 'cache store (Redis) failed: lookups go to the source until it answers again');
    }
    return undefined;
  };
  const answered = (): void => {
    if (!down) return;
    down = false;
    logger.info('cache store (Redis) answers again');
  };
  // Reconnects happen in the background; a failed command is what a lookup sees.
  redis.on('error', () => {});
  // The first lookups would otherwise come before the connection and log a failure at every start.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => resolve(void failed(new Error(`no connection within ${timeoutMs} ms`))), timeoutMs);
    const settle = (error?: Error): void => {
      clearTimeout(timer);
      redis.off('ready', settle).off('error', settle);
      if (error !== undefined) failed(error);
      resolve();
    };
    redis.once('ready', settle).once('error', settle);
  });
  return {
    get(key) {
      return redis.get(key).then((value) => {
        answered();
        return value ?? undefined;
      }, failed);
    },
    set(key, value) {
      redis.set(key, value, 'PX', ttlMs).then(answered, failed);
    },
    async close() {
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
