import { z } from 'zod';
import { parseCidr } from '../ops/ip-allow.js';
import { DEFAULT_MAX_ENTRIES } from '../replay/memory.js';
import { NORMALIZE_SPECS, type NormalizeSpec } from '../pipeline/normalize.js';
import { PRIVATE_NETWORKS } from './types.js';

/** Lookup and result item names: plain identifiers, never a key that could reach a prototype. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const itemName = z
  .string()
  .regex(IDENTIFIER, 'an item name must be an identifier (letters, digits, _; at most 64)')
  .refine((name) => !FORBIDDEN_NAMES.has(name), 'this name is reserved');

/** Whole numbers also as digit strings, since `${PORT}` substitutes text. */
function integer(min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v),
    z.number().int().min(min).max(max),
  );
}

/** Booleans also as `"true"`/`"false"`, since `${FLAG}` substitutes text. */
const boolean = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

const nonEmpty = z.string().min(1, 'must not be empty');

const tls = z.strictObject({ cert: nonEmpty, key: nonEmpty, ca: nonEmpty.optional() });

const listen = z
  .strictObject({
    host: nonEmpty.default('127.0.0.1'),
    port: integer(0, 65535).default(8080),
    path: z
      .string()
      .regex(/^\/[^?#\s]*$/, 'must start with "/" and contain no query, fragment or white space')
      .default('/'),
    tls: tls.optional(),
    trustProxy: z.union([boolean, integer(0, 16)], { error: 'must be true, false or a number of proxies' }).default(false),
  })
  .prefault({});

const key = nonEmpty.refine((k) => k.trim() === k, 'has leading or trailing white space (a copy-paste slip?)');

const replay = z
  .strictObject({
    store: z.enum(['memory', 'redis'], { error: 'must be memory (this process) or redis (shared by every instance)' }),
    url: nonEmpty.refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL').optional(),
    maxEntries: integer(1_000, 100_000_000).default(DEFAULT_MAX_ENTRIES),
  })
  .superRefine((r, ctx) => {
    if (r.store === 'redis' && r.url === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required with store: redis' });
    if (r.store === 'memory' && r.url !== undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is only for store: redis' });
  });

/** `cache`: a short cache of answers, off unless the key is there. */
const cache = z
  .strictObject({
    ttlMs: integer(1, 3_600_000)
      .default(5_000)
      .meta({ description: 'How long an answer is reused, in ms; seconds are enough (an agent reopens a ticket), and the data may change' }),
    maxEntries: integer(1, 10_000_000)
      .default(10_000)
      .meta({ description: 'Most answers the memory store keeps; the least recently used goes first' }),
    store: z
      .enum(['memory', 'redis'], { error: 'must be memory (this process) or redis (shared by every instance)' })
      .default('memory')
      .meta({ description: 'memory: this process; redis: shared by every worker and instance (keys are hashes, values expire with ttlMs)' }),
    url: nonEmpty
      .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL')
      .optional()
      .meta({ description: 'The Redis URL, with store: redis' }),
    cacheMisses: boolean.default(false).meta({ description: 'Also reuse a NOT_FOUND answer (a customer added meanwhile shows up only after ttlMs)' }),
  })
  .superRefine((c, ctx) => {
    if (c.store === 'redis' && c.url === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required with store: redis' });
    if (c.store === 'memory' && c.url !== undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is only for store: redis' });
  })
  .meta({ description: 'A short cache of answers by API and lookup values; absent: every lookup reaches the source' });

const auth = z
  .strictObject({
    enabled: boolean.default(true),
    keys: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(key)).default([]),
    scheme: z.enum(['auto', 'body+timestamp', 'uri+body+timestamp']).default('auto'),
    toleranceMs: integer(0, 86_400_000).default(300_000),
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
  });

const pattern = z.string().superRefine((p, ctx) => {
  try {
    new RegExp(p, 'u');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
  }
});

const lookupItem = z.preprocess(
  // `callNum:` alone in YAML is null: an optional item with the defaults.
  (v) => v ?? {},
  z.strictObject({
    required: boolean.default(false),
    maxLength: integer(1, 65_536).default(256),
    pattern: pattern.optional(),
    values: z.array(z.string()).min(1, 'must list at least one value').optional(),
    normalize: z.enum(NORMALIZE_SPECS as [NormalizeSpec, ...NormalizeSpec[]], { error: `must be ${NORMALIZE_SPECS.join(', ')}` }).optional(),
  }),
);

const mask = z.union(
  [
    z.enum(['phone', 'email', 'name']),
    z.strictObject({ keepFirst: integer(0, 64).default(0), keepLast: integer(0, 64).default(0) }),
  ],
  { error: 'must be phone, email, name or { keepFirst: N, keepLast: N }' },
);

const resultItem = z.preprocess(
  // The shorthand `id: member_id` names the column.
  (v) => (typeof v === 'string' ? { column: v } : v),
  z.strictObject({ column: nonEmpty, mask: mask.optional() }),
);

const sqlite = z.strictObject({
  type: z.literal('sqlite'),
  file: nonEmpty,
  query: nonEmpty,
  unique: boolean.default(false),
});

const sqlServer = (type: 'postgres' | 'mysql') =>
  z.strictObject({
    type: z.literal(type),
    url: nonEmpty,
    query: nonEmpty,
    unique: boolean.default(false),
    poolSize: integer(1, 1000).default(10),
  });

const http = z.strictObject({
  type: z.literal('http'),
  url: nonEmpty.refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL'),
  method: z.enum(['GET', 'POST']).default('GET'),
  headers: z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name'), z.string()).default({}),
  rows: z.string().default(''),
  notFoundStatus: z.array(integer(100, 599)).default([404]),
  unique: boolean.default(false),
});

const fn = z.strictObject({ type: z.literal('function'), unique: boolean.default(false) });

function sourceTypeError(input: unknown): string {
  const types = 'sqlite, postgres, mysql, http or function';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return `must be a mapping with type: ${types}`;
  const type = (input as { type?: unknown }).type;
  // Reported at source.type, so the message does not say "type" again.
  return type === undefined ? `is required: ${types}` : `must be ${types}, got ${JSON.stringify(type)}`;
}

const source = z.discriminatedUnion('type', [sqlite, sqlServer('postgres'), sqlServer('mysql'), http, fn], {
  error: (issue) => sourceTypeError(issue.input),
});

const allowIp = z.string().refine((e) => parseCidr(e) !== null, 'not an IP address or CIDR block (e.g. 10.0.0.0/8)');

/** The config file's schema; `parseConfig` adds the checks that span several keys. */
export const configSchema = z.strictObject({
  listen,
  auth,
  allowIps: z.array(allowIp).min(1, 'must list at least one block (remove the key to allow every address)').optional(),
  lookup: z
    .record(itemName, lookupItem)
    .refine((r) => Object.keys(r).length > 0, 'at least one lookup item (조회 항목) is required'),
  source,
  result: z
    .record(itemName, resultItem)
    .refine((r) => Object.keys(r).length > 0, 'at least one result item (결과 항목) is required'),
  cache: cache.optional(),
  ops: z
    .strictObject({
      allowIps: z.array(allowIp).min(1, 'must list at least one block').default([...PRIVATE_NETWORKS]),
    })
    .prefault({}),
  limits: z
    .strictObject({
      bodyBytes: integer(64, 1_048_576).default(16_384),
      sourceTimeoutMs: integer(1, 600_000).default(2_000),
      headersTimeoutMs: integer(100, 600_000).default(5_000),
      bodyTimeoutMs: integer(100, 600_000).default(5_000),
      maxConnections: integer(1, 1_000_000).default(4_096),
      drainIdleMs: integer(0, 60_000).default(300),
    })
    .prefault({}),
  log: z
    .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .prefault({}),
});
