/**
 * The one shape of a SQL server source (PostgreSQL, MySQL/MariaDB): check the URL, open the pool,
 * describe the query at start, run each lookup limited and cancelled on the server at its
 * deadline. A driver plugs in only what its client library does its own way (`SqlDriver`).
 */
import { dialectOf, openCatalog } from '../catalog/index.js';
import { ConfigError } from '../config/error.js';
import type { SqlServerSourceConfig } from '../config/types.js';
import type { Row, Source } from '../types.js';
import { sampleSql } from './normalize-sample.js';
import { bindValues, limitRows, type PositionalSql } from './positional-sql.js';
import { hostTimeZone } from '../../utils/time-zone.js';
import { hidePassword, redactUrl } from '../../utils/url-password.js';
import { SourceError } from '../vocabulary/source-errors.js';
import { runAbortable, type ConnectionLeases } from './sql-pool.js';
import { missingName, whatExists, type Missing } from './what-exists.js';

/** What a SQL server's client library does its own way; `openSqlServerSource` does the rest. */
export interface SqlDriver<C> {
  /** The URL schemes it takes, the first one named when a URL is not one of them. */
  readonly protocols: readonly string[];
  /** The URL's form, shown when the URL is not one of `protocols`. */
  readonly urlForm: string;
  /** The query with its named parameters made the driver's positional ones. */
  positional(sql: string): PositionalSql;
  /**
   * A pool of `poolSize` connections whose sessions are read-only, plus a connection of its own
   * to cancel their statements. A connection the server ends must never be an unhandled error.
   */
  open(options: SqlPoolOptions): SqlPool<C>;
  /** The server's refusal of the query at start, in the config's own terms. */
  refusal(error: unknown, url: string, names: readonly string[]): string;
}

/** How `SqlDriver.open` sizes its pool. */
interface SqlPoolOptions {
  url: string;
  poolSize: number;
  connectTimeoutMs: number;
  /** The sessions' IANA time zone, for columns with a zone. */
  timeZone: string;
}

/** One statement to run with its values bound. */
interface SqlStatement {
  text: string;
  values: (string | null)[];
  /** The server keeps the statement parsed under this name on each connection (one name, one text). */
  name?: string;
}

/** A driver's open pool: leases for `runAbortable`, and what runs on a leased connection. */
interface SqlPool<C> extends ConnectionLeases<C> {
  /** The column names of `text`, run with `values` (the query under `LIMIT 0`). */
  describe(connection: C, text: string, values: null[]): Promise<string[]>;
  query(connection: C, statement: SqlStatement): Promise<Row[]>;
  /** Answers when the server does (for `/readyz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A SQL server source; `read` runs any statement as a lookup does: read-only, cancelled at `signal`. */
export interface SqlServerSource extends Source {
  readonly columns: readonly string[];
  read(statement: SqlStatement, signal: AbortSignal): Promise<Row[]>;
}

/**
 * Opens a SQL server source on `driver`. At open it connects and describes the query (every
 * parameter `NULL`, `LIMIT 0`), so `columns` is known and a refused query stops the start.
 * Lookups fetch at most `limit` rows, an item not sent binds as `NULL`, and on abort (the
 * source timeout) the statement is cancelled on the server (see `runAbortable`).
 *
 * @example
 * const source = await openSqlServerSource(config.source, 2000, postgresDriver);
 * await source.lookup({ callNum: '01012345678' }, 1, AbortSignal.timeout(2000));
 */
export async function openSqlServerSource<C>(config: SqlServerSourceConfig, timeoutMs: number, driver: SqlDriver<C>): Promise<SqlServerSource> {
  const shown = redactUrl(config.url, driver.protocols);
  if (shown === undefined) {
    throw new ConfigError([{ path: 'source.url', message: `is not a ${driver.protocols[0]}// URL (${driver.urlForm})` }]);
  }
  // Never shorter than a few seconds: a cold server or TLS handshake is not a dead server.
  const pool = driver.open({ url: config.url, poolSize: config.poolSize, connectTimeoutMs: Math.max(timeoutMs, 5_000), timeZone: config.timeZone ?? hostTimeZone() });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= pool.close());

  const { sql, names } = driver.positional(config.query);
  const limited = limitRows(sql);
  let connection: C;
  try {
    connection = await pool.acquire();
  } catch (error) {
    await close();
    throw new ConfigError([{ path: 'source.url', message: `cannot connect to ${shown}: ${hidePassword(error, config.url)}` }], undefined, { cause: error });
  }
  let columns: string[];
  try {
    columns = await pool.describe(connection, limited(0), new Array<null>(names.length).fill(null));
    pool.release(connection, false);
  } catch (error) {
    pool.release(connection, true);
    await close();
    const known = await knownNames(error, config);
    throw new ConfigError([{ path: 'source.query', message: driver.refusal(error, config.url, names) + (known === undefined ? '' : `; ${known}`) }], undefined, { cause: error });
  }

  const read = (statement: SqlStatement, signal: AbortSignal): Promise<Row[]> => runAbortable(pool, signal, (c) => pool.query(c, statement));
  // A table changed after start (a column dropped or renamed): the log says what exists instead.
  // Read from the catalogue once per source, not on every failing lookup of a busy endpoint.
  let known: Promise<string | undefined> | undefined;
  const withWhatExists = async (error: unknown): Promise<unknown> => {
    const missing = missingName(error);
    if (missing === undefined) return error;
    const names = await (known ??= knownNames(error, config));
    return names === undefined ? error : new UnknownNameError(missing, names, error);
  };
  return {
    columns,
    read,
    // Named by its limit, so each connection parses and plans the lookup once, not on every call.
    lookup: async (params, limit, signal) => {
      try {
        return await read({ name: `custlink_lookup_${limit}`, text: limited(limit), values: bindValues(names, params) }, signal);
      } catch (error) {
        throw await withWhatExists(error);
      }
    },
    // On a pooled connection like a lookup: no connection of its own, the same read-only session.
    async sampleColumn(column, from, limit, signal) {
      try {
        return (await read({ text: sampleSql(column, from, limit), values: [] }, signal)).map((row) => Object.values(row)[0]);
      } catch (error) {
        throw new Error(hidePassword(error, config.url), { cause: error });
      }
    },
    ready: () => pool.ping(),
    close,
  };
}

/**
 * For a query refused over an unknown column or table, what the database has instead, read from
 * its catalogue on a connection of its own; `undefined` for another refusal, or when the catalogue
 * cannot be read (the refusal alone is then the message).
 */
async function knownNames(error: unknown, config: SqlServerSourceConfig): Promise<string | undefined> {
  const missing = missingName(error);
  if (missing === undefined) return undefined;
  const dialect = dialectOf(config.url);
  // MySQL resolves a bare table name in the URL's database; PostgreSQL along its search_path,
  // which is not known here, so every schema is shown.
  const schema = dialect === 'mysql' ? decodeURIComponent(new URL(config.url).pathname.slice(1)) || undefined : undefined;
  try {
    const catalog = await openCatalog(config.url);
    try {
      return whatExists(missing, config.query, await catalog.tables(), dialect, schema);
    } finally {
      await catalog.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * A lookup refused for an unknown column or table, worded by custlink so that the log may show
 * it: the kind and what the catalogue has, never the driver's text (which may quote a value). The
 * driver's codes are kept, so the log line still names the server's error.
 */
class UnknownNameError extends SourceError {
  override name = 'UnknownNameError';
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly sqlState?: unknown;

  constructor(missing: Missing, known: string, cause: unknown) {
    super(`the source query names an unknown ${missing.kind}; ${known}`, { cause });
    const { code, errno, sqlState } = (cause ?? {}) as { code?: unknown; errno?: unknown; sqlState?: unknown };
    Object.assign(this, { code, errno, sqlState });
  }
}
