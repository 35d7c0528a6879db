import { z } from 'zod';
import { DEFAULT_TOLERANCE_MS, SCHEMES } from '../../../protocol/types.js';
import { DEFAULT_REPLAY_MAX_ENTRIES } from '../constants.js';
import { boolean, integer, key, redisUrl, shorthand, store, urlWithRedisOnly } from './fields.js';

const replay = z
  .strictObject({
    store: store
      .meta({ description: '`memory`: this process remembers; `redis`: shared by every instance behind a load balancer.' }),
    url: redisUrl
      .optional()
      .meta({ description: 'The Redis server, `redis://` or `rediss://`; required with `store: redis`, refused with `memory`.', examples: ['redis://127.0.0.1:6379'] }),
    maxEntries: integer(1_000, 100_000_000)
      .default(DEFAULT_REPLAY_MAX_ENTRIES)
      .meta({ description: 'Most signatures the memory store keeps; past it the oldest are forgotten first.' }),
  })
  .superRefine(urlWithRedisOnly)
  .meta({
    description: 'Refuse a request whose signature was seen before (403 REPLAYED): a captured request sent again. Absent: only the time window protects.',
    examples: [{ store: 'memory' }, { store: 'redis', url: 'redis://127.0.0.1:6379' }],
  });

export const auth = z
  .strictObject({
    enabled: boolean
      .default(true)
      .meta({ description: '`false` accepts unsigned requests (API 암호화 여부 = 아니오); it must be written out, and logs a warning at start.' }),
    keys: shorthand(z.string(), (v) => [v], z.array(key))
      .default([])
      .meta({
        description:
          'The security keys (암호화 키) from [고객정보관리 > 고객정보연동 > API 설정]; any listed key is accepted, so list a second one while rotating. A single string is accepted too. Keep them in `${ENV}`, or in a file as `${file:custlink.key}`, which a SIGHUP reload reads again.',
        examples: [['${CUSTLINK_KEY}'], ['${CUSTLINK_KEY}', '${CUSTLINK_KEY_NEXT}']],
      }),
    scheme: z
      .enum(['auto', ...SCHEMES])
      .default('auto')
      .meta({ description: "What is signed besides the timestamp: `body+timestamp` (the guide's Java example), `uri+body+timestamp`, or `auto` (either)." }),
    toleranceMs: integer(0, 86_400_000)
      .default(DEFAULT_TOLERANCE_MS)
      .meta({ description: "The clock skew accepted either way, in ms (the guide's 5 minutes); an older or newer X-TC-Timestamp is 403 STALE or FUTURE." }),
    replay: replay.optional(),
  })
  .superRefine((a, ctx) => {
    if (!a.enabled && a.replay !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['replay'], message: 'needs signed requests (enabled: true): an unsigned request has no signature to remember' });
    }
    if (a.enabled && a.keys.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['keys'],
        message: 'at least one key is required (or set enabled: false to accept unsigned requests)',
      });
    }
  })
  .meta({ description: "How requests are authenticated: the helpdesk's HMAC-SHA256 signature over the raw body and X-TC-Timestamp." });
