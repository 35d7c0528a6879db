import { Redis } from 'ioredis';
import { hidePassword, redactUrl } from '../../utils/url-password.js';
import { ConfigError } from '../config/error.js';
import { ReplayStoreError, type ReplayStore } from './types.js';

const PREFIX = 'custlink:replay:';

/**
 * Signatures remembered in Redis, shared by every instance of the endpoint: a request replayed to
 * another instance behind the load balancer is refused too. Each claim is one `SET NX PX`, atomic
 * across instances; the key expires when the timestamp leaves the window. A command that fails
 * or takes longer than `timeoutMs` rejects with `ReplayStoreError` (the request is refused).
 *
 * @example
 * const store = await openRedisReplayStore('redis://127.0.0.1:6379', 2000);
 * await store.claim(signature, Number(timestamp) + 300_000); // true, then false
 */
export async function openRedisReplayStore(url: string, timeoutMs: number): Promise<ReplayStore> {
  let redis: Redis;
  try {
    // No offline queue and no retries per command: a lookup must not wait for Redis to return.
    redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: timeoutMs, connectTimeout: timeoutMs });
  } catch (error) {
    throw new ConfigError([{ path: 'auth.replay.url', message: `not a Redis URL: ${(error as Error).message}` }]);
  }
  // Reconnects happen in the background; a failed command is what the request sees.
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new ConfigError([{ path: 'auth.replay.url', message: `cannot reach Redis at ${redactUrl(url) ?? 'auth.replay.url'}: ${hidePassword(error, url)}` }], undefined, { cause: error });
  }
  return {
    async claim(signature, expiresAt) {
      const ttl = Math.max(1, Math.ceil(expiresAt - Date.now()));
      let answer: string | null;
      try {
        answer = await redis.set(PREFIX + signature, '1', 'PX', ttl, 'NX');
      } catch (error) {
        throw new ReplayStoreError(`the replay store (Redis) did not answer: ${(error as Error).message}`, { cause: error });
      }
      return answer === 'OK';
    },
    async ready() {
      await redis.ping();
    },
    async close() {
      if (redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
