import { z } from 'zod';
import { isTimeZone } from '../../../utils/time-zone.js';
import { hasUrlScheme, urlSchemesText } from '../../vocabulary/url-schemes.js';
import { boolean, integer, nonEmpty } from './fields.js';

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
    url: nonEmpty.refine((u) => hasUrlScheme(u, 'http'), `must be an ${urlSchemesText('http')} URL`).meta({
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

export const source = z
  .discriminatedUnion(
    'type',
    [sqlite, sqlServer('postgres', 'postgres://custlink_ro:${DB_PASSWORD}@127.0.0.1:5432/crm'), sqlServer('mysql', 'mysql://custlink_ro:${DB_PASSWORD}@127.0.0.1:3306/crm'), http, fn],
    { error: (issue) => sourceTypeError(issue.input) },
  )
  .meta({ description: 'Where customers are looked up; `type` picks the kind.' });
