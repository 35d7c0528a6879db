import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';

/** `BENCH_SOURCE=postgres|mysql`: the e2e run against a SQL server instead of SQLite. */
export type BenchSqlSource = 'postgres' | 'mysql';

const TABLE = 'custlink_bench_customers';
const COLUMNS = ['member_id', 'name', 'phone', 'email', 'user_no', 'user_id', 'game_code', 'cash_real', 'cash_bonus', 'cash_total'] as const;
const BATCH = 2_000;
const URLS: Record<BenchSqlSource, string> = {
  postgres: process.env.CUSTLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mysql: process.env.CUSTLINK_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
};

/** What the bench needs from a SQL server: the row count, a fresh table, and batches of rows. */
interface Loader {
  count(): Promise<number | undefined>;
  recreate(): Promise<void>;
  insert(rows: unknown[][]): Promise<void>;
  drop(): Promise<void>;
  end(): Promise<void>;
}

/**
 * The demo customers copied from the SQLite demo database into the test PostgreSQL or MariaDB
 * (once; reused while the row count matches), and the config's `source:` block reading them with
 * the demo's own query, so the e2e figures compare sources on the same data.
 *
 * @example
 * const block = await sqlSourceBlock('postgres', 'data/bench/demo.sqlite', 1_000_000);
 */
export async function sqlSourceBlock(kind: BenchSqlSource, sqliteFile: string, rows: number): Promise<string> {
  const outcome = await copyDemoCustomers(kind, URLS[kind], { sqliteFile, rows, table: TABLE });
  console.log(`${kind}: ${outcome.copied ? `copied ${rows} customers into ${TABLE} in ${(outcome.ms / 1000).toFixed(1)} s` : `reusing ${rows} customers in ${TABLE}`}`);
  return sqlSourceYaml(kind, URLS[kind], TABLE);
}

/** The test database of each SQL source kind (`CUSTLINK_TEST_POSTGRES_URL` / `_MYSQL_URL` override). */
export function testDatabaseUrl(kind: BenchSqlSource): string {
  return URLS[kind];
}

/**
 * Copies the demo database's customers into `table` unless it already holds `rows` of them.
 *
 * @example
 * await copyDemoCustomers('mysql', testDatabaseUrl('mysql'), { sqliteFile: 'data/soak/demo.sqlite', rows: 20_000, table: 'custlink_soak_1' });
 */
export async function copyDemoCustomers(
  kind: BenchSqlSource,
  url: string,
  { sqliteFile, rows, table }: { sqliteFile: string; rows: number; table: string },
): Promise<{ copied: boolean; ms: number }> {
  const loader = kind === 'postgres' ? await postgresLoader(url, table) : await mysqlLoader(url, table);
  try {
    if ((await loader.count()) === rows) return { copied: false, ms: 0 };
    const started = performance.now();
    await loader.recreate();
    const db = new Database(sqliteFile, { readonly: true });
    let batch: unknown[][] = [];
    for (const row of db.prepare(`SELECT ${COLUMNS.join(', ')} FROM customers`).raw(true).iterate() as IterableIterator<unknown[]>) {
      batch.push(row);
      if (batch.length === BATCH) {
        await loader.insert(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await loader.insert(batch);
    db.close();
    return { copied: true, ms: performance.now() - started };
  } finally {
    await loader.end();
  }
}

/**
 * Drops a table `copyDemoCustomers` made.
 *
 * @example
 * await dropDemoTable('postgres', testDatabaseUrl('postgres'), 'custlink_soak_1');
 */
export async function dropDemoTable(kind: BenchSqlSource, url: string, table: string): Promise<void> {
  const loader = kind === 'postgres' ? await postgresLoader(url, table) : await mysqlLoader(url, table);
  try {
    await loader.drop();
  } finally {
    await loader.end();
  }
}

/**
 * The config's `source:` block reading the demo customers from `table` with the demo's own query.
 *
 * @example
 * sqlSourceYaml('postgres', 'postgres://postgres@127.0.0.1/test', 'custlink_bench_customers')
 */
export function sqlSourceYaml(kind: BenchSqlSource, url: string, table: string, poolSize?: number): string {
  return `source:
  type: ${kind}
  url: ${JSON.stringify(url)}
  query: >-
    SELECT name, member_id, email, user_no, user_id, game_code, cash_real, cash_bonus, cash_total
    FROM ${table} WHERE phone = :callNum
${poolSize === undefined ? '' : `  poolSize: ${poolSize}\n`}`;
}

const DDL = `(member_id VARCHAR(32) NOT NULL, name VARCHAR(64) NOT NULL, phone VARCHAR(20) NOT NULL, email VARCHAR(128) NOT NULL,
  user_no BIGINT NOT NULL, user_id VARCHAR(64) NOT NULL, game_code VARCHAR(32) NOT NULL,
  cash_real BIGINT NOT NULL, cash_bonus BIGINT NOT NULL, cash_total BIGINT NOT NULL)`;
const index = (table: string): string => `CREATE UNIQUE INDEX ${table}_phone ON ${table} (phone)`;

async function postgresLoader(url: string, table: string): Promise<Loader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async count() {
      const found = await client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
      if (!(found.rows[0] as { present: boolean }).present) return undefined;
      return Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    },
    async recreate() {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.query(`CREATE TABLE ${table} ${DDL}`);
      await client.query(index(table));
    },
    async insert(rows) {
      const n = COLUMNS.length;
      const values = rows.map((_, r) => `(${COLUMNS.map((__, c) => `$${r * n + c + 1}`).join(', ')})`).join(', ');
      await client.query(`INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ${values}`, rows.flat());
    },
    async drop() {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
    },
    async end() {
      await client.end();
    },
  };
}

async function mysqlLoader(url: string, table: string): Promise<Loader> {
  const connection = await mysql.createConnection({ uri: url });
  return {
    async count() {
      const [tables] = await connection.query<mysql.RowDataPacket[]>('SHOW TABLES LIKE ?', [table]);
      if (tables.length === 0) return undefined;
      const [counted] = await connection.query<mysql.RowDataPacket[]>(`SELECT count(*) AS n FROM ${table}`);
      return Number(counted[0]!.n);
    },
    async recreate() {
      await connection.query(`DROP TABLE IF EXISTS ${table}`);
      await connection.query(`CREATE TABLE ${table} ${DDL} CHARACTER SET utf8mb4`);
      await connection.query(index(table));
    },
    async insert(rows) {
      await connection.query(`INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ?`, [rows]);
    },
    async drop() {
      await connection.query(`DROP TABLE IF EXISTS ${table}`);
    },
    async end() {
      await connection.end();
    },
  };
}
