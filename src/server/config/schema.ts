import { z } from 'zod';
import { DEFAULT_TOLERANCE_MS, SCHEMES } from '../../protocol/types.js';
import { parseCidr } from '../ops/ip-allow.js';
import { DEFAULT_MAX_ENTRIES } from '../replay/memory.js';
import { NORMALIZE_SPECS, type NormalizeSpec } from '../pipeline/normalize.js';
import { OPS_PATHS } from '../ops/paths.js';
import { PRIVATE_NETWORKS } from './constants.js';
import { FORBIDDEN_NAMES, IDENTIFIER } from '../../utils/item-name.js';
import { isTimeZone } from '../../utils/time-zone.js';

const shorthands = new WeakMap<z.core.$ZodType, z.core.$ZodType>();

/**
 * The form a key also accepts in the file, which the parser rewrites to its full form before
 * validating it; `configJsonSchema` reads it so that an editor accepts what the parser does.
 *
 * @example
 * alsoAccepts(configSchema.shape.result.unwrap().valueType) // z.string(): `id: member_id`
 */
export function alsoAccepts(schema: z.core.$ZodType): z.core.$ZodType | undefined {
  // `.meta()` clones a schema; the clone's parent is the one registered.
  for (let s: z.core.$ZodType | undefined = schema; s; s = s._zod.parent) {
    const short = shorthands.get(s);
    if (short) return short;
  }
  return undefined;
}

/**
 * `short` stands for `full` once `expand`ed (`id: member_id` is `{ column: member_id }`). The
 * rewrite runs before `full` validates, so every message still comes from `full`'s own checks.
 */
function shorthand<T extends z.ZodType>(short: z.ZodType, expand: (value: unknown) => unknown, full: T, inFile: z.ZodType = short) {
  const schema = z.preprocess((v) => (short.safeParse(v).success ? expand(v) : v), full);
  shorthands.set(schema, inFile);
  return schema;
}

/** In the file, before `${NAME}` substitution: the text itself, or text holding a variable. */
const textOrVariable = (text: RegExp) => z.string().regex(new RegExp(`${text.source}|\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}`));

const itemName = z
  .string()
  .regex(IDENTIFIER, 'an item name must be an identifier (letters, digits, _; at most 64)')
  .refine((name) => !FORBIDDEN_NAMES.has(name), 'this name is reserved');

/** Whole numbers also as digit strings, since `${PORT}` substitutes text. */
function integer(min: number, max: number) {
  const digits = /^[0-9]+$/;
  return shorthand(z.string().regex(digits), Number, z.number().int().min(min).max(max), textOrVariable(digits));
}

/** Booleans also as `"true"`/`"false"`, since `${FLAG}` substitutes text. */
const boolean = shorthand(z.enum(['true', 'false']), (v) => v === 'true', z.boolean(), textOrVariable(/^(true|false)$/));

const nonEmpty = z.string().min(1, 'must not be empty');

const tls = z
  .strictObject({
    cert: nonEmpty.meta({ description: 'The certificate chain (PEM file).' }),
    key: nonEmpty.meta({ description: 'Its private key (PEM file).' }),
    ca: nonEmpty.optional().meta({ description: 'CA certificates to trust (PEM file), if not the system ones.' }),
  })
  .meta({
    description:
      'Serve HTTPS with these files (relative paths resolve against the config file). Without it, a warning at start unless the host is loopback: the helpdesk calls over HTTPS, so set this or terminate TLS in a proxy in front.',
    examples: [{ cert: 'cert.pem', key: 'key.pem' }],
  });

const apiPath = z.string().regex(/^\/[^?#\s]*$/, 'must start with "/" and contain no query, fragment or white space');

const listen = z
  .strictObject({
    host: nonEmpty.default('127.0.0.1').meta({ description: 'The address to listen on; `0.0.0.0` accepts connections from other machines.' }),
    port: integer(0, 65535).default(8080).meta({ description: 'The TCP port (`0`: any free port).', examples: [8443, '${PORT}'] }),
    path: apiPath.default('/').meta({
      description: `The API path (single-API form; with \`apis\` each entry has its own), matched exactly but for one trailing slash (\`/oc/\` is \`/oc\`, \`/oc//\` is not); the helpdesk's 기본 URL must end with it. Any other path is 404, except the ops paths (${OPS_PATHS.join(', ')}), which it cannot be.`,
      examples: ['/custlink'],
    }),
    tls: tls.optional(),
    trustProxy: z
      .union([boolean, integer(0, 16)], { error: 'must be true, false or a number of proxies' })
      .default(false)
      .meta({
        description:
          '`false`: the client address is the socket\'s; `true` (one proxy) or N: the address N entries from the right of X-Forwarded-For. Behind a trusted proxy a request without the header has no address (and fails `allowIps`).',
        examples: [1],
      }),
  })
  .prefault({})
  .meta({ description: 'Where the endpoint listens (`custlink serve`).' });

const key = nonEmpty.refine((k) => k.trim() === k, 'has leading or trailing white space (a copy-paste slip?)');

/** A store that is `memory` or `redis`: the URL goes with Redis, and only with it. */
function urlWithRedisOnly(r: { store: 'memory' | 'redis'; url?: string | undefined }, ctx: z.RefinementCtx): void {
  if (r.store === 'redis' && r.url === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required with store: redis' });
  if (r.store === 'memory' && r.url !== undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is only for store: redis' });
}

const replay = z
  .strictObject({
    store: z
      .enum(['memory', 'redis'], { error: 'must be memory (this process) or redis (shared by every instance)' })
      .meta({ description: '`memory`: this process remembers; `redis`: shared by every instance behind a load balancer.' }),
    url: nonEmpty
      .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL')
      .optional()
      .meta({ description: 'The Redis server, `redis://` or `rediss://`; required with `store: redis`, refused with `memory`.', examples: ['redis://127.0.0.1:6379'] }),
    maxEntries: integer(1_000, 100_000_000)
      .default(DEFAULT_MAX_ENTRIES)
      .meta({ description: 'Most signatures the memory store keeps; past it the oldest are forgotten first.' }),
  })
  .superRefine(urlWithRedisOnly)
  .meta({
    description: 'Refuse a request whose signature was seen before (403 REPLAYED): a captured request sent again. Absent: only the time window protects.',
    examples: [{ store: 'memory' }, { store: 'redis', url: 'redis://127.0.0.1:6379' }],
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
      .meta({ description: 'memory: this process; redis: shared by every worker and instance (keys are HMACs and values encrypted under cache.key, expiring with ttlMs)' }),
    url: nonEmpty
      .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL')
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

/** `audit`: the 개인정보 접속기록, one line per request that reaches an API path; off unless the key is there. */
const audit = z
  .strictObject({
    dir: nonEmpty.meta({
      description: 'The directory of the record files, one per local day and per writer (`audit-2026-12-07.<writer>.jsonl`); created (mode 0700) if missing. Relative to the config file. With `postgres`: only the chain state of each writer.',
      examples: ['/var/lib/custlink/audit'],
    }),
    key: nonEmpty
      .refine((k) => k.length >= 32, 'must be at least 32 characters (custlink keygen --length 64 makes one)')
      .refine((k) => k.trim() === k, 'has leading or trailing white space (a copy-paste slip?)')
      .meta({
        description:
          'The HMAC key the subjects (처리한 정보주체 정보) are hashed under: whoever holds it can find a person\'s records (`custlink audit search`), nobody else can read them. Not an API key; at least 32 characters; keep it in a file: `${file:audit.key}`.',
        examples: ['${file:audit.key}'],
      }),
    keepDays: integer(365, 36_500)
      .default(365)
      .meta({ description: 'Files older than this many days (by the day in their name) are deleted at start and once a day; nothing younger ever is. 730 where the 2-year rule applies (≥ 50,000 정보주체, 고유식별정보 or 민감정보).' }),
    onFailure: z
      .enum(['refuse', 'continue'], { error: 'must be refuse (no data leaves unless its record is written) or continue' })
      .default('refuse')
      .meta({ description: '`refuse`: a request whose record cannot be written gets 500 AUDIT_WRITE_FAILED and no data, and /readyz is 503 until writing works again; `continue`: answered anyway, logged at error.' }),
    agentItem: itemName
      .optional()
      .meta({ description: 'A lookup item that names the agent (a 티켓 필드 such as the 담당자), recorded in clear as `agent` (계정) and not hashed as a subject.', examples: ['agentId'] }),
    writer: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,60}$/, 'letters, digits, ".", "_" and "-" only, at most 60')
      .optional()
      .meta({ description: "This instance's name in the file names (default: the host name, sanitized); under `serve --workers` each worker appends `-w<N>`. Give every instance writing to one directory its own." }),
    fsync: z
      .union([z.literal('off'), integer(10, 60_000)], { error: 'must be off or an interval in ms (10-60000)' })
      .default('off')
      .meta({ description: '`off`: a record is acknowledged once write(2) has handed it to the kernel (it survives a crash of custlink, not of the host); N: also fdatasync the file every N ms.', examples: ['off', 1000] }),
    workingHours: z
      .string()
      .regex(/^([01]?[0-9]|2[0-4])-([01]?[0-9]|2[0-4])$/, 'must be START-END in whole hours (09-18)')
      .refine((h) => Number(h.split('-')[0]) < Number(h.split('-')[1]), 'START must be before END (09-18)')
      .optional()
      .meta({ description: 'Working hours, Monday to Friday, local, for the monthly review: `custlink audit review --config` lists lookups outside them (default 09-18; `--hours` overrides).', examples: ['09-18', '08-20'] }),
    postgres: z
      .strictObject({
        url: nonEmpty
          .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL')
          .meta({ description: 'The PostgreSQL the records go to, as a role that may only INSERT into the table (`custlink audit setup-postgres` prints the DDL and GRANT). Keep the password in `${ENV}` or `${file:}`; it is never logged.', examples: ['postgres://custlink_audit_writer:${AUDIT_PG_PASSWORD}@audit-db:5432/audit'] }),
        table: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/, 'must be a lower-case table name, optionally schema-qualified (audit.custlink_audit)')
          .default('custlink_audit')
          .meta({ description: 'The table, optionally `schema.table`.' }),
      })
      .optional()
      .meta({ description: 'A shared PostgreSQL table as the central store of several instances, instead of the files: one hash chain per writer, as in the files; `audit.dir` then keeps only each writer\'s chain state (`pg-chain.<writer>.json`). See docs/audit.md.' }),
  })
  .meta({ description: 'The access records (개인정보 접속기록, 안전성 확보조치 기준 제8조), tamper-evident by a hash chain: see docs/audit.md. Absent: nothing is recorded.' });

const auth = z
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

const pattern = z.string().superRefine((p, ctx) => {
  try {
    new RegExp(p, 'u');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
  }
});

const lookupItem = shorthand(
  // `callNum:` alone in YAML is null: an optional item with the defaults.
  z.null(),
  () => ({}),
  z.strictObject({
    required: boolean.default(false).meta({ description: 'A request without it (or with an empty string) is 400 MISSING_ITEM.' }),
    maxLength: integer(1, 65_536)
      .default(256)
      .meta({ description: "The longest value accepted, in characters as sent (the helpdesk's 데이터 길이); longer is 400 ITEM_TOO_LONG." }),
    pattern: pattern
      .optional()
      .meta({ description: 'A JavaScript regular expression the whole (normalised) value must match (anchored for you); else 400 ITEM_PATTERN_MISMATCH.', examples: ['^[0-9]+$'] }),
    values: z
      .array(z.string())
      .min(1, 'must list at least one value')
      .optional()
      .meta({ description: 'The only values accepted, compared exactly; else 400 ITEM_NOT_ALLOWED.', examples: [['korea', 'japan']] }),
    normalize: z
      .enum(NORMALIZE_SPECS as [NormalizeSpec, ...NormalizeSpec[]], { error: `must be ${NORMALIZE_SPECS.join(', ')}` })
      .optional()
      .meta({
        description:
          'Brings the value to its stored form after `maxLength` and before `values`, `pattern` and the query: `phone-kr` ("+82 10-1234-5678" → "01012345678"), `phone-kr-dashed` (→ "010-1234-5678", for a column stored dashed), `digits`, `trim` or `lower`.',
      }),
  }),
).meta({ description: 'One lookup item (조회 항목). `callNum:` alone is an optional item with the defaults.' });

const mask = z
  .union(
    [
      z.enum(['phone', 'email', 'name']),
      z.strictObject({
        keepFirst: integer(0, 64).default(0).meta({ description: 'Characters kept at the start.' }),
        keepLast: integer(0, 64).default(0).meta({ description: 'Characters kept at the end.' }),
      }),
    ],
    { error: 'must be phone, email, name or { keepFirst: N, keepLast: N }' },
  )
  .meta({
    description: 'How the value is masked before it is sent: `phone`, `email`, `name`, or keep the first and last characters and star the rest.',
    examples: ['phone', { keepFirst: 2, keepLast: 2 }],
  });

const resultItem = shorthand(
  // The shorthand `id: member_id` names the column.
  z.string(),
  (v) => ({ column: v }),
  z.strictObject({
    column: nonEmpty.meta({ description: 'The column of the query (or field of the upstream row) the value comes from.' }),
    mask: mask.optional(),
  }),
).meta({ description: 'One result item (결과 항목). `id: member_id` is short for `{ column: member_id }`.' });

const unique = boolean.default(false).meta({ description: '`true`: several matching rows answer 400 NOT_UNIQUE instead of the first row (give a query an `ORDER BY` so that "first" means something).' });
const query = nonEmpty.meta({
  description:
    'One SELECT whose named parameters (`:callNum`, `@callNum`, `$callNum`) are lookup items, bound as values, never spliced; an item the request leaves out binds as NULL. Checked at load.',
  examples: ['SELECT name, member_id, phone FROM customers WHERE phone = :callNum'],
});

const sqlite = z
  .strictObject({
    type: z.literal('sqlite'),
    file: nonEmpty.meta({ description: 'The database file, opened read-only; it must exist. Relative to the config file.', examples: ['customers.sqlite'] }),
    query,
    unique,
  })
  .meta({ description: 'A SQLite file (better-sqlite3).' });

const sqlServer = <T extends 'postgres' | 'mysql'>(type: T, example: string) =>
  z
    .strictObject({
      type: z.literal(type),
      url: nonEmpty.meta({
        description: 'The connection URL (`postgres://` or `postgresql://`; `mysql://` or `mariadb://`); keep the password in `${ENV}`. Driver options go in the query string (PostgreSQL: `?sslmode=require`).',
        examples: [example],
      }),
      query,
      unique,
      poolSize: integer(1, 1000).default(10).meta({ description: 'The most connections the pool holds open.' }),
      timeZone: z
        .string()
        .refine(isTimeZone, 'must be an IANA time zone such as Asia/Seoul or UTC')
        .optional()
        .meta({
          description:
            "The time zone results are given in; the host's own when left out (`TZ`, e.g. Asia/Seoul). Timestamps come out as ISO 8601 with the offset (`2026-11-03T09:00:00+09:00`): `timestamptz` (PostgreSQL) and `TIMESTAMP` (MySQL) in this zone, `timestamp` and `DATETIME` read as this zone's wall-clock time; `date`/`DATE` stays `YYYY-MM-DD`.",
          examples: ['Asia/Seoul'],
        }),
    })
    .meta({ description: type === 'postgres' ? 'PostgreSQL (pg): a pool of read-only sessions.' : 'MySQL or MariaDB (mysql2): a pool of read-only sessions.' });

const http = z
  .strictObject({
    type: z.literal('http'),
    url: nonEmpty.refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL').meta({
      description: 'An `http://` or `https://` template: each `{name}` is a lookup item, percent-encoded (empty when the request left an optional item out); a GET needs at least one.',
      examples: ['https://members.internal/v1/members?phone={callNum}'],
    }),
    method: z.enum(['GET', 'POST']).default('GET').meta({ description: '`GET`, or `POST` with the lookup items as a JSON object body.' }),
    headers: z
      .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name'), z.string())
      .default({})
      .meta({ description: 'Sent with every call; keep tokens in `${ENV}`: they never appear in errors or logs.', examples: [{ authorization: 'Bearer ${MEMBER_API_TOKEN}' }] }),
    rows: z
      .string()
      .default('')
      .meta({ description: 'The dot path to the row(s) in the JSON answer: an object is one row, an array rows; `""` is the whole body. `null`, a missing path or `[]` is 400 NOT_FOUND.', examples: ['data.member'] }),
    notFoundStatus: z
      .array(integer(100, 599))
      .default([404])
      .meta({ description: 'Upstream statuses that mean "no such customer" (400 NOT_FOUND); any other non-2xx is 500 SOURCE_ERROR.', examples: [[404, 204]] }),
    unique,
  })
  .meta({ description: 'An internal HTTP API that already answers customer lookups.' });

const fn = z
  .strictObject({ type: z.literal('function'), unique })
  .meta({ description: 'Your own code: `createEndpoint(config, { source: functionSource(fn) })`; `custlink serve` refuses it.' });

function sourceTypeError(input: unknown): string {
  const types = 'sqlite, postgres, mysql, http or function';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return `must be a mapping with type: ${types}`;
  const type = (input as { type?: unknown }).type;
  // Reported at source.type, so the message does not say "type" again.
  return type === undefined ? `is required: ${types}` : `must be ${types}, got ${JSON.stringify(type)}`;
}

const source = z
  .discriminatedUnion(
    'type',
    [sqlite, sqlServer('postgres', 'postgres://custlink_ro:${DB_PASSWORD}@127.0.0.1:5432/crm'), sqlServer('mysql', 'mysql://custlink_ro:${DB_PASSWORD}@127.0.0.1:3306/crm'), http, fn],
    { error: (issue) => sourceTypeError(issue.input) },
  )
  .meta({ description: 'Where customers are looked up; `type` picks the kind.' });

const lookup = z
  .record(itemName, lookupItem)
  .refine((r) => Object.keys(r).length > 0, 'at least one lookup item (조회 항목) is required')
  .meta({ description: 'The lookup items (조회 항목) the helpdesk sends, by name, checked before any query runs.' });

const result = z
  .record(itemName, resultItem)
  .refine((r) => Object.keys(r).length > 0, 'at least one result item (결과 항목) is required')
  .meta({ description: 'The result items (결과 항목): the keys the agent sees, in this order, each from a column of the query.' });

/** What one API is: written at the top level in the single-API form, in each `apis` entry otherwise. */
const apiKeys = { auth, lookup, source, result };

const api = z
  .strictObject({
    name: nonEmpty.meta({
      description: "The API 이름, any text (`회원정보`), unique: the `api` label of the metrics, the `api` field of the log lines, and what `serve` prints beside the API's URL.",
      examples: ['회원정보'],
    }),
    path: apiPath.meta({
      description: `This API's path, matched exactly, unique, not an ops path (${OPS_PATHS.join(', ')}); the helpdesk's 기본 URL for this API ends with it. Each API's keys open only its own path.`,
      examples: ['/members'],
    }),
    ...apiKeys,
  })
  .meta({ description: 'One API: its name, its path, and its own auth, lookup, source and result.' });

const allowIp = z.string().refine((e) => parseCidr(e) !== null, 'not an IP address or CIDR block (e.g. 10.0.0.0/8)');

/**
 * The config file's schema, both forms: one API (`auth`, `lookup`, `source`, `result` at the top
 * level) or several (`apis`). `parseConfig` validates a file with `apis` against it and any other
 * file against `singleApiSchema`, then adds the checks that span several keys.
 */
export const configSchema = z
  .strictObject({
    listen,
    auth: auth.optional(),
    allowIps: z
      .array(allowIp)
      .min(1, 'must list at least one block (remove the key to allow every address)')
      .optional()
      .meta({
        description:
          'Only these IPv4/IPv6 addresses or CIDR blocks may call (else 403 IP_NOT_ALLOWED, for any path); absent: every address. IPv4 seen as `::ffff:a.b.c.d` matches IPv4 blocks.',
        examples: [['203.0.113.0/24', '127.0.0.1/32']],
      }),
    lookup: lookup.optional(),
    source: source.optional(),
    result: result.optional(),
    apis: z
      .array(api)
      .min(1, 'must list at least one API')
      .optional()
      .meta({
        description:
          'Several APIs on one server (API 설정 lists several): each entry has its own `name`, `path`, `auth`, `lookup`, `source` and `result`, written as the single-API form writes them at the top level; `listen` (but `listen.path`), `allowIps`, `ops`, `limits` and `log` stay shared. With `apis`, those four keys and `listen.path` are not written at the top level.',
      }),
    cache: cache.optional(),
    audit: audit.optional(),
    ops: z
      .strictObject({
        allowIps: z
          .array(allowIp)
          .min(1, 'must list at least one block')
          .default([...PRIVATE_NETWORKS])
          .meta({ description: `Who may read ${OPS_PATHS.join(', ')} (default: loopback and the private networks).`, examples: [['10.0.0.0/8']] }),
      })
      .prefault({})
      .meta({ description: 'The operations paths: health, readiness and Prometheus metrics.' }),
    limits: z
      .strictObject({
        bodyBytes: integer(64, 1_048_576).default(16_384).meta({ description: 'Larger request bodies get 413 BODY_TOO_LARGE (declared or counted) and the connection closes.' }),
        sourceTimeoutMs: integer(1, 600_000)
          .default(2_000)
          .meta({ description: 'A lookup or `/readyz` check past this is 500 SOURCE_TIMEOUT (SQLite is synchronous and cannot be cut short).' }),
        headersTimeoutMs: integer(100, 600_000)
          .default(5_000)
          .meta({ description: 'The request line and headers must arrive within this (counted from the first byte, checked every 0.5 s), else 408 REQUEST_TIMEOUT and the connection closes.' }),
        bodyTimeoutMs: integer(100, 600_000).default(5_000).meta({ description: 'The body gets this much more: the whole request within `headersTimeoutMs + bodyTimeoutMs`.' }),
        maxConnections: integer(1, 1_000_000).default(4_096).meta({ description: 'Open connections per process; one more is closed as soon as it is accepted.' }),
        drainIdleMs: integer(0, 60_000)
          .default(300)
          .meta({ description: 'On SIGTERM new connections are refused and every request already sent is answered (with `Connection: close`); a keep-alive connection idle this long is closed, and after 10 s the rest are cut.' }),
        workerHeartbeatTimeoutMs: integer(2_000, 600_000)
          .default(10_000)
          .meta({
            description:
              'With `serve --workers`: each worker reports to the primary every second from its event loop; one silent this long (hung, stopped) is killed and another started (`custlink_workers_replaced_total{reason="heartbeat"}`).',
          }),
      })
      .prefault({})
      .meta({ description: 'Sizes and time limits.' }),
    log: z
      .strictObject({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info')
          .meta({ description: 'One JSON line per request at `info`; lookup and result values are never logged.' }),
      })
      .prefault({})
      .meta({ description: 'Logging (pino, to stdout).' }),
  })
  .meta({ title: 'custlink.yaml', description: 'The config of a custlink endpoint (고객정보 연동 서버).' });

/** The single-API form, where the keys of the one API are required at the top level. */
export const singleApiSchema = configSchema.extend(apiKeys);

/** One entry of `apis`. */
export const apiSchema = api;
