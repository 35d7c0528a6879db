import { z } from 'zod';

const verdict = z.enum(['pass', 'fail', 'warn', 'skip']);
const agent = z.strictObject({ ko: z.string(), en: z.string() }).nullable();
const headers = z.record(z.string(), z.string());

const exchange = z.strictObject({
  request: z.strictObject({ method: z.literal('POST'), url: z.string(), headers, body: z.string(), bodyBytes: z.number().int().min(0) }),
  response: z.strictObject({ status: z.number().int().min(0), headers, body: z.string(), bodyBytes: z.number().int().min(0) }),
});

const tls = z.strictObject({
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  subject: z.string().nullable(),
  issuer: z.string().nullable(),
  validTo: z.string().nullable(),
  daysToExpiry: z.number().int().nullable(),
  hostnameMatch: z.boolean(),
  authorized: z.boolean(),
  error: z.string().optional(),
});

const latency = z.strictObject({
  samplesMs: z.array(z.number().min(0)),
  p50: z.number().min(0),
  p95: z.number().min(0),
  p99: z.number().min(0),
  max: z.number().min(0),
});

const probe = z.strictObject({
  id: z.string(),
  title: z.string(),
  expected: z.string(),
  got: z.string(),
  status: z.number().int().min(0).optional(),
  agent,
  verdict,
  note: z.string().optional(),
  durationMs: z.number().min(0).optional(),
  exchange: exchange.optional(),
  tls: tls.optional(),
  latency: latency.optional(),
  unmaskedLooking: z.array(z.string()).optional(),
});

const store = z.enum(['memory', 'redis']);

const resultItem = z.strictObject({
  item: z.string(),
  column: z.string(),
  /** `phone`, `email`, `name`, `keepFirst N keepLast M`, or null for none. */
  mask: z.string().nullable(),
  /** The probe's 200 answer had a value that looks like a whole phone number or e-mail address. */
  unmaskedLooking: z.boolean(),
});

const api = z.strictObject({
  name: z.string(),
  path: z.string(),
  probed: z.boolean(),
  signed: z.boolean(),
  scheme: z.string(),
  keys: z.array(z.strictObject({ fingerprint: z.string() })),
  /** More than one key: a rotation is under way. */
  rotating: z.boolean(),
  replay: z.strictObject({ enabled: z.boolean(), store: store.nullable() }),
  result: z.array(resultItem),
});

const posture = z.strictObject({
  configFile: z.string(),
  configSha256: z.string().regex(/^[0-9a-f]{64}$/),
  allowIps: z.array(z.string()).nullable(),
  trustProxy: z.union([z.boolean(), z.number().int()]),
  cache: z.strictObject({ enabled: z.boolean(), store: store.nullable(), ttlMs: z.number().int().nullable() }),
  audit: z.strictObject({
    configured: z.boolean(),
    /** Where the records go: the daily files in `dir`, or a PostgreSQL table (`dir` then holds only each writer's chain state). */
    store: z.enum(['files', 'postgres']).nullable(),
    dir: z.string().nullable(),
    /** The table and its URL with the password masked, when `store` is `postgres`. */
    postgres: z.strictObject({ url: z.string(), table: z.string() }).nullable(),
    /** Days the files are kept; a table's rows are its administrator's to remove. */
    keepDays: z.number().nullable(),
    /** fdatasync every N ms, or `off` (the page cache); files only. */
    fsync: z.union([z.number(), z.literal('off')]).nullable(),
    onFailure: z.string().nullable(),
    keyFingerprint: z.string().nullable(),
  }),
  /** The checked key (`--key`) is one of the probed API's keys. */
  checkedKeyListed: z.boolean(),
  apis: z.array(api),
});

/**
 * The facts of one `custlink check --report` run, as the JSON report carries them and the HTML
 * report shows them. `reportSha256` is the SHA-256 of the file as written with this field set to
 * 64 zeros (see `integrity`).
 */
const checkReportDocumentSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal('custlink-check-report/1'),
    lang: z.enum(['ko', 'en']),
    endpoint: z.string(),
    scheme: z.string(),
    timeoutMs: z.number().int().min(1),
    generatedAt: z.iso.datetime(),
    custlinkVersion: z.string(),
    verdict: z.enum(['pass', 'pass-with-warnings', 'fail']),
    summary: z.strictObject({ pass: z.number().int(), fail: z.number().int(), warn: z.number().int(), skip: z.number().int() }),
    checkedKeyFingerprint: z.string(),
    probes: z.array(probe),
    tls: tls.nullable(),
    latency: latency.nullable(),
    agentMessages: z.array(z.strictObject({ status: z.number().int(), ko: z.string(), en: z.string(), probes: z.array(z.string()) })),
    posture: posture.nullable(),
    integrity: z.strictObject({
      configSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
      reportSha256: z.string().regex(/^[0-9a-f]{64}$/),
      method: z.string(),
    }),
  })
  .meta({ title: 'custlink check report', description: 'Go-live evidence of a customer-info endpoint (고객정보 연동), written by custlink check --report.' });

export type CheckReportDocument = z.infer<typeof checkReportDocumentSchema>;
export type Posture = z.infer<typeof posture>;

/**
 * The JSON Schema (draft 2020-12) of the JSON report; the package ships it as
 * `custlink/check-report.schema.json`.
 *
 * @example
 * new Ajv2020().compile(checkReportJsonSchema())(JSON.parse(readFileSync('check.json', 'utf8'))) // true
 */
export function checkReportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(checkReportDocumentSchema, { io: 'input' }) as Record<string, unknown>;
}
