import pg from 'pg';
import type { Row } from '../types.js';
import { URL_PROTOCOLS } from '../vocabulary/url-schemes.js';
import { toPostgresSql } from './positional-sql.js';
import { isoTimestamp } from '../../utils/time-zone.js';
import { hidePassword } from '../../utils/url-password.js';
import type { SqlDriver } from './sql-server.js';

/**
 * The PostgreSQL driver of the SQL server source: the query with its named parameters rewritten to `$1..$n`, on a pool of
 * `poolSize` connections (see `openSqlServerSource`). `bigint` and `numeric` arrive as strings,
 * keeping every digit. Sessions are read-only (`default_transaction_read_only`). On abort the
 * query is cancelled with `pg_cancel_backend` from a separate connection.
 *
 * @example
 * const source = await openSqlServerSource({ type: 'postgres', url: 'postgres://app@db/crm', query: 'SELECT name FROM c WHERE phone = :callNum', unique: false, poolSize: 10 }, 2000, postgresDriver);
 * await source.lookup({ callNum: '01012345678' }, 1, AbortSignal.timeout(2000));
 */
export const postgresDriver: SqlDriver<pg.PoolClient> = {
  protocols: URL_PROTOCOLS.postgres,
  urlForm: 'postgres://user:${PASSWORD}@host:5432/database',
  positional: toPostgresSql,
  open({ url, poolSize, connectTimeoutMs, timeZone }) {
    const options: pg.PoolConfig = {
      connectionString: url,
      connectionTimeoutMillis: connectTimeoutMs,
      application_name: 'custlink',
      types: { getTypeParser: textForDates(timeZone) },
      // The zone at connect: a timestamptz comes out in it, as the database's own text.
      options: `-c default_transaction_read_only=on -c TimeZone=${timeZone}`,
    };
    const pool = new pg.Pool({ ...options, max: poolSize });
    // Cancels need their own connection: the pool may be full of the very queries to cancel.
    const canceller = new pg.Pool({ ...options, max: 1, idleTimeoutMillis: 10_000 });
    for (const p of [pool, canceller]) {
      // An idle connection the server drops is an 'error' event; the pool forgets it and connects anew.
      p.on('error', () => {});
      // A leased connection has no listener of the pool's: a terminate, restart or failover while
      // it is out would be an unhandled 'error' event, ending the process. Its query rejects anyway,
      // and the pool drops a connection that is no longer queryable when it comes back.
      p.on('connect', (client) => client.on('error', () => {}));
    }
    return {
      acquire: () => pool.connect(),
      release: (client, destroy) => client.release(destroy),
      async cancel(client) {
        // `processID` is set by every pg Client at connect, though @types/pg does not declare it.
        const pid = (client as unknown as { processID?: unknown }).processID;
        if (typeof pid === 'number') await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
      },
      describe: async (client, text, values) => (await client.query({ text, values })).fields.map((f) => f.name),
      query: async (client, { name, text, values }) => (await client.query<Row>({ name, text, values })).rows,
      ping: async () => void (await pool.query('SELECT 1')),
      close: async () => void (await Promise.all([pool.end(), canceller.end()])),
    };
  },
  refusal(error, url, names) {
    // The server's `$2` back to the config's `:nation`.
    const text = hidePassword(error, url).replace(/\$(\d+)/g, (m, k: string) => (names[Number(k) - 1] === undefined ? m : `:${names[Number(k) - 1]}`));
    const code = (error as { code?: unknown }).code;
    // 42P08/42P18: PostgreSQL types a parameter where it first appears, and `:x IS NULL` says nothing.
    const hint = code === '42P08' || code === '42P18' ? '; cast it where it first appears, e.g. :nation::text IS NULL OR nation = :nation' : '';
    return `PostgreSQL refuses it (it must be one SELECT): ${text}${hint}`;
  },
};

// date, time, timetz: as a JS Date a DATE becomes local midnight, shown to the agent as the
// previous day in UTC; the database's own text is what the agent expects. timestamp and
// timestamptz: ISO 8601 with the offset in `zone`, the form the MySQL source gives too.
const DATE_TYPES = new Set([1082, 1083, 1266]);
const TIMESTAMP_TYPES = new Set([1114, 1184]);
const keepText = (value: string): string => value;
const textForDates = (zone: string) =>
  ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pg.types.getTypeParser(oid, format);
    if (TIMESTAMP_TYPES.has(oid)) return (value: string) => isoTimestamp(value, zone);
    return DATE_TYPES.has(oid) ? keepText : pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'];
