import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';

/** The test PostgreSQL (trust auth, database `test`); `CUSTLINK_TEST_POSTGRES_URL` overrides it. */
export const POSTGRES_URL = process.env.CUSTLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The test MariaDB/MySQL (root, empty password, database `test`); `CUSTLINK_TEST_MYSQL_URL` overrides it. */
export const MYSQL_URL = process.env.CUSTLINK_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

/** The test Redis; `CUSTLINK_TEST_REDIS_URL` overrides it. */
export const REDIS_URL = process.env.CUSTLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Connects once and sends `PING`, giving up after two seconds.
 *
 * @example
 * const skip = await skipUnless('Redis', REDIS_URL, probeRedis);
 */
export async function probeRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/**
 * Whether the tests of a real service should be skipped. A reachable service: `false`. An
 * unreachable one: in CI (`CI=true`) a missing service is a failure, so this throws and the test
 * file fails with the reason; elsewhere it prints one line and answers `true`, for
 * `describe.skipIf`.
 *
 * @example
 * const skip = await skipUnless('PostgreSQL', POSTGRES_URL, probePostgres);
 * describe.skipIf(skip)('PostgreSQL source', () => { ... });
 */
export async function skipUnless(name: string, url: string, probe: (url: string) => Promise<void>): Promise<boolean> {
  try {
    await probe(url);
    return false;
  } catch (error) {
    const reason = `${name} is not reachable at ${new URL(url).host}: ${messageOf(error)}`;
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: the service must be there)`, { cause: error });
    console.warn(`skipping the ${name} tests: ${reason}`);
    return true;
  }
}

/**
 * Connects once and runs `SELECT 1`, giving up after two seconds.
 *
 * @example
 * await probePostgres('postgres://postgres@127.0.0.1:5432/test');
 */
export async function probePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Connects once and runs `SELECT 1`, giving up after two seconds.
 *
 * @example
 * await probeMysql('mysql://root@127.0.0.1:3306/test');
 */
export async function probeMysql(url: string): Promise<void> {
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 2_000 });
  try {
    await connection.query('SELECT 1');
  } finally {
    await connection.end().catch(() => {});
  }
}

/**
 * A table name no other test run uses, so runs in parallel never collide.
 *
 * @example
 * uniqueTable('customers') // 'customers_k3j9x2a1'
 */
export function uniqueTable(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Polls `check` until it is true or `ms` pass; answers the last result.
 *
 * @example
 * expect(await eventually(async () => (await running()) === 0, 1000)).toBe(true);
 */
export async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return error.errors.map(messageOf).join('; ');
  return error instanceof Error ? error.message : String(error);
}
