import { z } from 'zod';
import { boolean, integer, key, redisUrl, store, urlWithRedisOnly } from './fields.js';

/** `cache`: a short cache of answers, off unless the key is there. */
export const cache = z
  .strictObject({
    ttlMs: integer(1, 3_600_000)
      .default(5_000)
      .meta({ description: 'How long an answer is reused, in ms; seconds are enough (an agent reopens a ticket), and the data may change' }),
    maxEntries: integer(1, 10_000_000)
      .default(10_000)
      .meta({ description: 'Most answers the memory store keeps; the least recently used goes first' }),
    store: store
      .default('memory')
      .meta({ description: 'memory: this process; redis: shared by every worker and instance (keys are HMACs and values encrypted under cache.key, expiring with ttlMs)' }),
    url: redisUrl
      .optional()
      .meta({ description: 'The Redis URL, with store: redis' }),
    key: key
      .min(16, 'must be at least 16 characters (custlink keygen --length 64 makes one)')
      .optional()
      .meta({
        description:
          'The secret Redis entries are keyed (HMAC-SHA256) and encrypted (AES-256-GCM) under, so Redis never holds a lookup value or an answer in clear; required with store: redis. Keep it in `${ENV}` or `${file:cache.key}` (custlink keygen --length 64 makes one); changing it only empties the cache',
        examples: ['${CUSTLINK_CACHE_KEY}', '${file:cache.key}'],
      }),
    cacheMisses: boolean.default(false).meta({ description: 'Also reuse a NOT_FOUND answer (a customer added meanwhile shows up only after ttlMs)' }),
  })
  .superRefine(urlWithRedisOnly)
  .superRefine((r, ctx) => {
    // The memory store never leaves the process; Redis is another machine's memory and backups.
    if (r.store === 'redis' && r.key === undefined) ctx.addIssue({ code: 'custom', path: ['key'], message: 'is required with store: redis (the secret Redis entries are keyed and encrypted under; custlink keygen --length 64 makes one)' });
  })
  .meta({ description: 'A short cache of answers by API and lookup values; absent: every lookup reaches the source' });
