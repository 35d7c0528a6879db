import { z } from 'zod';
import { hasUrlScheme, urlSchemesText } from '../../vocabulary/url-schemes.js';
import { integer, itemName, nonEmpty } from './fields.js';

/** `audit`: the 개인정보 접속기록, one line per request that reaches an API path; off unless the key is there. */
export const audit = z
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
          .refine((u) => hasUrlScheme(u, 'postgres'), `must be a ${urlSchemesText('postgres')} URL`)
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
