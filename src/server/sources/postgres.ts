import pg from 'pg';
import { ConfigError } from '../config/error.js';
import type { SqlServerSourceConfig } from '../config/types.js';
import type { Row, Source } from '../types.js';
import { bindValues, limitRows, toPostgresSql } from './sql-named.js';
import { hidePassword, redactUrl, runAbortable, type ConnectionLeases } from './sql-pool.js';

const PROTOCOLS = ['postgres:', 'postgresql:'];

/**
 * The PostgreSQL source: a pool of `poolSize` connections and the query with its named
 * parameters rewritten to `$1..$n`. At open it connects and describes the query (run with every
 * parameter `NULL` under `LIMIT 0`), so `columns` is known and a refused query stops the start.
 * Lookups fetch at most `limit` rows; `bigint` and `numeric` arrive as strings, keeping every
 * digit. Sessions are read-only (`default_transaction_read_only`). On abort (the source timeout)
 * the query is cancelled on the server with `pg_cancel_backend` from a separate connection.
 *
 * @example
 * const source = await openPostgresSource({ type: 'postgres', url: 'postgres://app@db/crm', query: 'SELECT name FROM c WHERE phone = :callNum', unique: false, poolSize: 10 }, 2000);
 * await source.lookup({ callNum: '01012345678' }, 1, AbortSignal.timeout(2000));
 */
export async function openPostgresSource(config: SqlServerSourceConfig, timeoutMs: number): Promise<Source> {
  const shown = redactUrl(config.url, PROTOCOLS);
  if (shown === undefined) {
    throw new ConfigError([{ path: 'source.url', message: 'is not a postgres:// URL (postgres://user:${PASSWORD}@host:5432/database)' }]);
  }
  const options: pg.PoolConfig = {
    connectionString: config.url,
    // Never shorter than a few seconds: a cold server or TLS handshake is not a dead server.
    connectionTimeoutMillis: Math.max(timeoutMs, 5_000),
    application_name: 'custlink',
    types: { getTypeParser: textForDates },
    options: '-c default_transaction_read_only=on',
  };
  const pool = new pg.Pool({ ...options, max: config.poolSize });
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
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= Promise.all([pool.end(), canceller.end()]).then(() => {}));

  const { sql, names } = toPostgresSql(config.query);
  const limited = limitRows(sql);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await close();
    throw new ConfigError([{ path: 'source.url', message: `cannot connect to ${shown}: ${hidePassword(error, config.url)}` }], undefined, { cause: error });
  }
  let columns: string[];
  try {
    const result = await client.query({ text: limited(0), values: new Array<null>(names.length).fill(null) });
    columns = result.fields.map((f) => f.name);
    client.release();
  } catch (error) {
    client.release(true);
    await close();
    throw new ConfigError([{ path: 'source.query', message: refusal(error, config.url, names) }], undefined, { cause: error });
  }

  const leases: ConnectionLeases<pg.PoolClient> = {
    acquire: () => pool.connect(),
    release: (client, destroy) => client.release(destroy),
    async cancel(client) {
      // `processID` is set by every pg Client at connect, though @types/pg does not declare it.
      const pid = (client as unknown as { processID?: unknown }).processID;
      if (typeof pid === 'number') await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
    },
  };

  return {
    columns,
    async lookup(params, limit, signal) {
      const values = bindValues(names, params);
      const text = limited(limit);
      // Named, so each connection parses and plans the statement once, not on every lookup.
      const result = await runAbortable(leases, signal, (client) => client.query<Row>({ name: `custlink_lookup_${limit}`, text, values }));
      return result.rows;
    },
    async ready() {
      await pool.query('SELECT 1');
    },
    close,
  };
}

// date, time, timestamp, timestamptz, timetz: as a JS Date a DATE becomes local midnight, shown
// to the agent as the previous day in UTC; the database's own text is what the agent expects.
const DATE_TYPES = new Set([1082, 1083, 1114, 1184, 1266]);
const keepText = (value: string): string => value;
const textForDates = ((oid: number, format?: 'text' | 'binary') =>
  DATE_TYPES.has(oid) && format !== 'binary' ? keepText : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'];

/** The server's refusal in the config's own terms: `$2` back to `:nation`, a hint where one helps. */
function refusal(error: unknown, url: string, names: readonly string[]): string {
  const text = hidePassword(error, url).replace(/\$(\d+)/g, (m, k: string) => (names[Number(k) - 1] === undefined ? m : `:${names[Number(k) - 1]}`));
  const code = (error as { code?: unknown }).code;
  // 42P08/42P18: PostgreSQL types a parameter where it first appears, and `:x IS NULL` says nothing.
  const hint = code === '42P08' || code === '42P18' ? '; cast it where it first appears, e.g. :nation::text IS NULL OR nation = :nation' : '';
  return `PostgreSQL refuses it (it must be one SELECT): ${text}${hint}`;
}
