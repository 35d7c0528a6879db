/** What the shared PostgreSQL and MariaDB/MySQL source tests know of one database, and the configs they build. */
import { expect } from 'vitest';
import { ConfigError } from '../../config/error.js';
import { parseConfig } from '../../config/parse.js';
import type { SqlServerSourceConfig } from '../../config/types.js';
import { createEndpoint } from '../../endpoint.js';
import { captureLogger, KEY } from '../../harness.test.helper.js';
import type { Source } from '../../types.js';
import { openSqlServerSource, type SqlDriver } from '../sql-server.js';

/** The admin connection's part: the test table and the server's own view of running lookups. */
interface SqlTestAdmin {
  /** Connects, creates the table and inserts `CUSTOMERS` (`points` defaulting to 12345678901234567890.125). */
  setUp(): Promise<void>;
  /** Drops the table and disconnects. */
  tearDown(): Promise<void>;
  /** How many rows the table holds. */
  count(): Promise<number>;
  /** Runs a statement as the admin (DDL for a table of the test's own). */
  run(sql: string): Promise<void>;
  /** How many slow lookups on the table (sleeping in `sleepCondition`) the server is still running. */
  running(): Promise<number>;
  /** Kills the server connections running them. */
  killRunning(): Promise<void>;
  /** Ends the server sessions with these ids (`sessionId`), as a DBA or a failover would. */
  terminate(sessions: readonly string[]): Promise<void>;
}

/** One database under `sqlSourceSuite`: everything that differs between PostgreSQL and MariaDB/MySQL. */
export interface SqlTestDatabase {
  /** As given to `skipUnless`, e.g. 'PostgreSQL'; the suite is '<name> source'. */
  name: string;
  type: SqlServerSourceConfig['type'];
  url: string;
  /** From `skipUnless`: skip the suite (never in CI). */
  skip: boolean;
  /** The test table, from `uniqueTable`. */
  table: string;
  /** The driver `openSqlServerSource` runs the source on. */
  driver: SqlDriver<unknown>;
  admin: SqlTestAdmin;
  /** `:nation` as `:nation IS NULL` takes it: PostgreSQL needs it typed (`:nation::text`). */
  nullableNation: string;
  /** A condition true for a row after sleeping `:delay` seconds (none when not sent). */
  sleepCondition: string;
  /** An expression for the session's read-only flag, and what it shows when read-only. */
  readOnly: { expression: string; value: string };
  /** Makes the test user's login fail: an unknown role, or a wrong password for a user without one. */
  wrongLogin(url: URL): void;
  /** A URL of the other database type, refused without showing its password. */
  foreignUrl: string;
  /** What the log says when the server drops a connection mid-query, where that is known. */
  droppedLog?: string;
  /** An SQL expression for the id the server knows the current session by. */
  sessionId: string;
  /**
   * A condition the server fails on for `:callNum` = '01055551234567', its message quoting the
   * value (`quote`: a part of that message without the value), and the error's `code`.
   */
  valueError: { condition: string; quote: string; code: string };
  /**
   * Expressions of a timestamp with a zone (PostgreSQL timestamptz, MySQL a session TIMESTAMP),
   * one without (timestamp, DATETIME) and a date, and how each reads at Asia/Seoul and at UTC.
   */
  zoned: readonly { expression: string; seoul: string; utc: string }[];
}

/** The body of a lookup of 홍길동, who is in the table. */
export const HONG = JSON.stringify({ callNum: '010-1234-5678' });

/**
 * The lookup query of the test table, `nation` optional; `slow`: every row sleeps `delay` seconds.
 *
 * @example
 * sqlQuery(db, true) // 'SELECT ... AND pg_sleep(...) IS NOT NULL'
 */
export function sqlQuery(db: SqlTestDatabase, slow = false): string {
  const select = `SELECT name, member_id, points FROM ${db.table} WHERE phone = :callNum`;
  return slow ? `${select} AND ${db.sleepCondition}` : `${select} AND (${db.nullableNation} IS NULL OR nation = :nation) ORDER BY member_id`;
}

/**
 * A config value for the test table; `source` keys override the source's.
 *
 * @example
 * await startTestServer(sqlConfigValue(db, {}, { unique: true }));
 */
export function sqlConfigValue(db: SqlTestDatabase, overrides: Record<string, unknown> = {}, source: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 0, path: '/lookup' },
    auth: { keys: [KEY] },
    lookup: {
      callNum: { required: true, maxLength: 64 },
      nation: { required: false, maxLength: 10 },
      delay: { required: false, maxLength: 4, pattern: '^[0-9.]+$' },
    },
    source: { type: db.type, url: db.url, query: sqlQuery(db), ...source },
    result: { name: 'name', id: 'member_id', points: 'points' },
    ...overrides,
  };
}

/**
 * Opens `db`'s source for `query` (not unique, two connections, a 200 ms timeout), its sessions
 * in `timeZone` (the host's when not given).
 *
 * @example
 * const source = await openSqlSource(db, `SELECT name FROM ${db.table} WHERE phone = :p`);
 */
export function openSqlSource(db: SqlTestDatabase, query: string, timeZone?: string): Promise<Source> {
  return openSqlServerSource({ type: db.type, url: db.url, query, unique: false, poolSize: 2, timeZone }, 200, db.driver);
}

/**
 * The ConfigError `createEndpoint` rejects with for this config value.
 *
 * @example
 * expect((await refusal(sqlConfigValue(db, {}, { url }))).issues[0]?.path).toBe('source.url');
 */
export async function refusal(config: Record<string, unknown>): Promise<ConfigError> {
  const error: unknown = await createEndpoint(parseConfig(config, { env: {} }), { logger: captureLogger().logger }).then(
    async (endpoint) => { await endpoint.close(); return undefined; },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}
